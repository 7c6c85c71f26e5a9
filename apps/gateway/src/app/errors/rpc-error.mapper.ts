import { HttpException } from '@nestjs/common';
import { DomainError, ErrorCode, type ErrorBody } from '@gongkai/contracts';
import { RemoteCallError } from '@gongkai/messaging';
import { GatewayError } from './gateway.error';
import type { FieldError, Problem } from './problem';

/**
 * The only place that decides HTTP statuses: every error code (those services reply with over
 * NATS, and the gateway's own) → status, title and what the caller should do about it.
 */

/** Problems only the HTTP edge produces; services never reply with these. */
export const GatewayErrorCode = {
  PAYLOAD_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
  UNSUPPORTED_MEDIA_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
  MALFORMED_JSON: 'MALFORMED_JSON',
  RATE_LIMITED: 'RATE_LIMITED',
} as const;
export type GatewayErrorCode = (typeof GatewayErrorCode)[keyof typeof GatewayErrorCode];
export type ProblemCode = ErrorCode | GatewayErrorCode;

interface ProblemKind {
  status: number;
  title: string;
  /** Appended to a service's message so every `detail` says what to do. */
  advice: string;
}

const PROBLEM_KINDS: Record<ProblemCode, ProblemKind> = {
  // 400 rather than 422, as the foundation issue asks: one status for every invalid request.
  VALIDATION_FAILED: {
    status: 400,
    title: 'Invalid request',
    advice: 'Fix the fields listed in `errors` and send the request again.',
  },
  NOT_FOUND: { status: 404, title: 'Not found', advice: 'Check the identifiers in the request.' },
  CONFLICT: {
    status: 409,
    title: 'Conflict',
    advice: 'The request conflicts with the current state; read the resource and retry with other values.',
  },
  FORBIDDEN: {
    status: 403,
    title: 'Forbidden',
    advice: 'Ask a disclosure administrator for the role this action needs.',
  },
  UNAUTHENTICATED: {
    status: 401,
    title: 'Unauthenticated',
    advice: 'Send a valid `X-Api-Key` header or `Authorization: Bearer <jwt>`.',
  },
  // 409, not 412: these are business-state preconditions (e.g. "task not submitted"), not
  // failed HTTP conditional headers, which 412 is reserved for.
  PRECONDITION_FAILED: {
    status: 409,
    title: 'Precondition failed',
    advice: 'The resource is not in a state that allows this; read it and follow its workflow.',
  },
  TIMEOUT: {
    status: 504,
    title: 'Upstream timeout',
    advice:
      'The request may still have been applied: retry it with the same `Idempotency-Key` to get its result without applying it twice, or check before retrying.',
  },
  UNAVAILABLE: { status: 503, title: 'Service unavailable', advice: 'Retry in a few seconds.' },
  INTERNAL: {
    status: 500,
    title: 'Internal error',
    advice: 'Retry later; if it persists, report the correlation id to the operators.',
  },
  // draft-ietf-httpapi-idempotency-key-header: a reused key is 422, a key still in use is 409.
  IDEMPOTENCY_KEY_REUSED: {
    status: 422,
    title: 'Idempotency key reused',
    advice:
      'Send a new `Idempotency-Key` with a different request; resend this key only with exactly the same request.',
  },
  IDEMPOTENCY_KEY_IN_USE: {
    status: 409,
    title: 'Request with this idempotency key not answered yet',
    advice: 'A request sent with one `Idempotency-Key` is never applied twice.',
  },
  PAYLOAD_TOO_LARGE: { status: 413, title: 'Payload too large', advice: 'Send a smaller body.' },
  UNSUPPORTED_MEDIA_TYPE: {
    status: 415,
    title: 'Unsupported media type',
    advice: 'Send the body as JSON with `Content-Type: application/json`.',
  },
  MALFORMED_JSON: {
    status: 400,
    title: 'Malformed JSON',
    advice: 'Send a well-formed, non-empty JSON document.',
  },
  RATE_LIMITED: {
    status: 429,
    title: 'Too many requests',
    advice: 'Wait for the time in `Retry-After` and retry.',
  },
};

export function statusOf(code: ProblemCode): number {
  return PROBLEM_KINDS[code].status;
}

export interface ProblemContext {
  /** The request path, the problem's `instance`. */
  instance: string;
  correlationId: string;
  bodyLimitBytes: number;
}

export interface MappedProblem {
  status: number;
  problem: Problem;
  /** True for server faults the caller cannot fix: log them with their stack. */
  isServerFault: boolean;
}

export function toProblem(error: unknown, context: ProblemContext): MappedProblem {
  if (error instanceof GatewayError) {
    return build(error.code, error.detail, context, error.extras);
  }
  if (error instanceof RemoteCallError) return fromErrorBody(error.body, context);
  if (error instanceof DomainError) return fromErrorBody(error.toBody(), context);
  if (error instanceof HttpException) return fromHttpException(error, context);
  const mapped = build(
    ErrorCode.INTERNAL,
    'An internal error occurred. ' + PROBLEM_KINDS.INTERNAL.advice,
    context,
  );
  return { ...mapped, isServerFault: true };
}

function fromErrorBody(body: ErrorBody, context: ProblemContext): MappedProblem {
  const kind = PROBLEM_KINDS[body.code];
  if (body.code === ErrorCode.INTERNAL) {
    return build(body.code, `The service failed to handle the request. ${kind.advice}`, context);
  }
  if (body.code === ErrorCode.VALIDATION_FAILED) {
    const errors = fieldErrorsFromIssues(body.details);
    return build(body.code, `${sentence(body.message)} ${kind.advice}`, context, {
      reason: body.reason,
      ...(errors.length > 0 ? { errors } : {}),
    });
  }
  const extensions = body.details !== undefined && kind.status < 500 ? { details: body.details } : undefined;
  return build(body.code, `${sentence(body.message)} ${kind.advice}`, context, {
    extensions,
    reason: body.reason,
  });
}

/** Nest's own exceptions: unknown routes, and Fastify's body parsing errors (413, 415, 400). */
function fromHttpException(exception: HttpException, context: ProblemContext): MappedProblem {
  const status = exception.getStatus();
  const fastifyCode = (exception.cause as { code?: unknown } | undefined)?.code;
  if (status === 404) {
    return build(
      ErrorCode.NOT_FOUND,
      `No route matches ${exception.message.replace(/^Cannot /, '')}. The API is described at /api/docs.`,
      context,
    );
  }
  if (status === 413) {
    return build(
      GatewayErrorCode.PAYLOAD_TOO_LARGE,
      `The request body is larger than ${context.bodyLimitBytes} bytes. ${PROBLEM_KINDS.PAYLOAD_TOO_LARGE.advice}`,
      context,
    );
  }
  if (status === 415) {
    return build(
      GatewayErrorCode.UNSUPPORTED_MEDIA_TYPE,
      `This endpoint does not accept that content type. ${PROBLEM_KINDS.UNSUPPORTED_MEDIA_TYPE.advice}`,
      context,
    );
  }
  if (status === 400 && (typeof fastifyCode === 'string' || exception.cause instanceof SyntaxError)) {
    return build(
      GatewayErrorCode.MALFORMED_JSON,
      `The request body could not be read as JSON (${exception.message}). ${PROBLEM_KINDS.MALFORMED_JSON.advice}`,
      context,
    );
  }
  const code = codeForStatus(status);
  const mapped = build(code, `${sentence(exception.message)} ${PROBLEM_KINDS[code].advice}`, context);
  return { ...mapped, isServerFault: status >= 500 };
}

function codeForStatus(status: number): ProblemCode {
  const match = (Object.keys(PROBLEM_KINDS) as ProblemCode[]).find(
    (code) => PROBLEM_KINDS[code].status === status,
  );
  if (match) return match;
  return status >= 500 ? ErrorCode.INTERNAL : ErrorCode.VALIDATION_FAILED;
}

function build(
  code: ProblemCode,
  detail: string,
  context: ProblemContext,
  extras: { errors?: FieldError[]; extensions?: Record<string, unknown>; reason?: string } = {},
): MappedProblem {
  const kind = PROBLEM_KINDS[code];
  const problem: Problem = {
    ...extras.extensions,
    type: `urn:gongkai:problem:${code.toLowerCase().replace(/_/g, '-')}`,
    title: kind.title,
    status: kind.status,
    detail,
    instance: context.instance,
    code,
    ...(extras.reason ? { reason: extras.reason } : {}),
    correlationId: context.correlationId,
    ...(extras.errors ? { errors: extras.errors } : {}),
  };
  return { status: kind.status, problem, isServerFault: false };
}

function sentence(message: string): string {
  const trimmed = message.trim();
  return /[.!?]$/.test(trimmed) ? trimmed : `${trimmed}.`;
}

interface IssueLike {
  code?: unknown;
  path?: unknown;
  message?: unknown;
  keys?: unknown;
}

/**
 * Zod issues (from the gateway's pipe or a service's parseRequest, paths starting with
 * `body` / `query`) as field errors with JSON pointers. Unknown keys get one entry each.
 */
export function fieldErrorsFromIssues(details: unknown): FieldError[] {
  if (!Array.isArray(details)) return [];
  return (details as IssueLike[]).flatMap((issue) => {
    const path = Array.isArray(issue.path) ? issue.path.map((key) => String(key)) : [];
    const [first, ...rest] = path;
    const located: { in: FieldError['in']; path: string[] } =
      first === 'body' || first === 'query' ? { in: first, path: rest } : { in: 'body', path };
    const code = typeof issue.code === 'string' ? issue.code : 'invalid';
    if (code === 'unrecognized_keys' && Array.isArray(issue.keys)) {
      return issue.keys.map((key) => ({
        in: located.in,
        pointer: toPointer([...located.path, String(key)]),
        code,
        message: `Unknown field "${String(key)}": remove it.`,
      }));
    }
    return [
      {
        in: located.in,
        pointer: toPointer(located.path),
        code,
        message: typeof issue.message === 'string' ? issue.message : 'Invalid value',
      },
    ];
  });
}

function toPointer(path: string[]): string {
  return path.map((segment) => `/${segment.replace(/~/g, '~0').replace(/\//g, '~1')}`).join('');
}
