import { fetchLargeBodySafely } from '@gongkai/testing';
import Ajv, { type ValidateFunction } from 'ajv';
import { leakIn } from './leaks';
import type { JsonSchema, Operation } from './openapi';

/** Who sends a request: its credentials and the client address it comes from (X-Forwarded-For). */
export interface Persona {
  name: string;
  headers: Record<string, string>;
}

export interface Answer<T = unknown> {
  status: number;
  contentType: string;
  headers: Headers;
  text: string;
  body: T;
}

export interface SendOptions {
  method: string;
  path: string;
  as?: Persona;
  body?: unknown;
  /** Sent as is (a string or bytes: invalid UTF-8, hand-made nesting), as application/json. */
  rawBody?: string | Buffer;
  headers?: Record<string, string>;
  /** The operation the request is a case of: its success answers are checked against its schema. */
  operation?: Operation;
}

/**
 * The suite's one HTTP client. Every answer it sees is checked the same way, whatever the case:
 * a 5xx is a finding; an error body must not hold a stack trace, a server path or an internal
 * subject; a success answer of a documented operation must match the operation's documented
 * schema, with no field the schema does not name.
 */
export class SuiteHttp {
  requests = 0;
  readonly findings: string[] = [];
  private readonly ajv = new Ajv({ strict: false, validateFormats: false, allErrors: false });
  private readonly validators = new Map<string, ValidateFunction>();

  constructor(
    readonly baseUrl: string,
    private readonly natsPrefix: string,
  ) {}

  finding(text: string): void {
    if (!this.findings.includes(text)) this.findings.push(text);
  }

  async send<T = unknown>(options: SendOptions): Promise<Answer<T>> {
    const headers: Record<string, string> = { ...options.as?.headers, ...options.headers };
    let payload: string | Buffer | undefined;
    if (options.rawBody !== undefined) payload = options.rawBody;
    else if (options.body !== undefined) payload = JSON.stringify(options.body);
    if (payload !== undefined && !Object.keys(headers).some((name) => name.toLowerCase() === 'content-type'))
      headers['content-type'] = 'application/json';
    this.requests += 1;
    const url = `${this.baseUrl}${options.path}`;
    const response =
      typeof payload === 'string' || payload === undefined
        ? await fetchLargeBodySafely(url, { method: options.method, headers, body: payload })
        : await fetch(url, { method: options.method, headers, body: new Uint8Array(payload) });
    const contentType = response.headers.get('content-type') ?? '';
    const bytes = Buffer.from(await response.arrayBuffer());
    const text =
      contentType.includes('json') || contentType.startsWith('text/') ? bytes.toString('utf8') : '';
    let body: unknown = text;
    if (contentType.includes('json') && text) {
      try {
        body = JSON.parse(text);
      } catch {
        this.finding(`${options.method} ${options.path}: ${response.status} with a body that is not JSON`);
      }
    }
    const answer = { status: response.status, contentType, headers: response.headers, text, body: body as T };
    this.inspect(options, answer);
    return answer;
  }

  private inspect(options: SendOptions, answer: Answer): void {
    const route = options.operation?.id ?? `${options.method} ${options.path.split('?')[0]}`;
    if (answer.status >= 500 && answer.status !== 503 && answer.status !== 504) {
      this.finding(`${route}: ${answer.status} (${answer.text.slice(0, 200)})`);
    }
    if (answer.status >= 400) {
      const leak = leakIn(answer.text, this.natsPrefix);
      if (leak) this.finding(`${route}: the ${answer.status} body holds ${leak}`);
      if (answer.text && !answer.contentType.includes('application/problem+json'))
        this.finding(`${route}: a ${answer.status} answered as ${answer.contentType}, not problem+json`);
    }
    const schema = options.operation?.replies.get(answer.status);
    if (schema && answer.contentType.includes('json')) {
      const problem = this.mismatch(options.operation as Operation, answer.status, schema, answer.body);
      if (problem)
        this.finding(`${route}: the ${answer.status} answer does not match its schema: ${problem}`);
    }
  }

  /** Where a success answer leaves its documented schema (an undocumented field, a wrong type), if it does. */
  mismatch(operation: Operation, status: number, schema: JsonSchema, body: unknown): string | null {
    const key = `${operation.id} ${status}`;
    let validate = this.validators.get(key);
    if (!validate) {
      validate = this.ajv.compile(asJsonSchema(schema) as object);
      this.validators.set(key, validate);
    }
    if (validate(body)) return null;
    const [error] = validate.errors ?? [];
    if (!error) return 'invalid';
    const extra = (error.params as { additionalProperty?: string }).additionalProperty;
    return extra
      ? `${error.instancePath || '/'} has the undocumented field \`${extra}\``
      : `${error.instancePath || '/'} ${error.message ?? 'is invalid'}`;
  }
}

/**
 * OpenAPI 3.0's `nullable` as JSON Schema (what Ajv validates): `type: [t, 'null']`, `null` among an
 * enum's values, or `anyOf [schema, null]` where the schema has no type of its own.
 */
export function asJsonSchema(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(asJsonSchema);
  if (schema === null || typeof schema !== 'object') return schema;
  const { nullable, ...rest } = Object.fromEntries(
    Object.entries(schema).map(([key, value]) => [key, asJsonSchema(value)]),
  ) as JsonSchema;
  if (nullable !== true) return rest;
  if (rest.enum && !rest.enum.includes(null)) rest.enum = [...rest.enum, null];
  if (typeof rest.type === 'string') return { ...rest, type: [rest.type, 'null'] };
  if (rest.type === undefined) return { anyOf: [rest, { type: 'null' }] };
  return rest;
}
