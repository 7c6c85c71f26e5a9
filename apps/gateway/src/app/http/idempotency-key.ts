import { createHash } from 'node:crypto';
import { ErrorCode, type Actor, type IdempotencyMeta } from '@gongkai/contracts';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { GatewayError } from '../errors/gateway.error';
import { canonicalJson } from '@gongkai/contracts';

declare module 'fastify' {
  interface FastifyRequest {
    /** The validated `Idempotency-Key` of a POST request, when one was sent. */
    idempotencyKey?: string;
  }
}

/** draft-ietf-httpapi-idempotency-key-header. */
export const IDEMPOTENCY_KEY_HEADER = 'Idempotency-Key';

export const IDEMPOTENCY_KEY_MIN_LENGTH = 8;
export const IDEMPOTENCY_KEY_MAX_LENGTH = 128;
/** Letters, digits and `- _ . : ~ + / =`: UUIDs, ULIDs, base64 and hex tokens all fit. */
export const IDEMPOTENCY_KEY_PATTERN = `^[A-Za-z0-9._~:+/=-]{${IDEMPOTENCY_KEY_MIN_LENGTH},${IDEMPOTENCY_KEY_MAX_LENGTH}}$`;
const KEY = new RegExp(IDEMPOTENCY_KEY_PATTERN);

/** The methods whose requests carry the key to the service; reads ignore it. */
const KEYED_METHODS = new Set(['POST']);

const HOW_TO =
  `Send a new random value (a UUID is a good choice) of ${IDEMPOTENCY_KEY_MIN_LENGTH} to ${IDEMPOTENCY_KEY_MAX_LENGTH} ` +
  'letters, digits or - _ . : ~ + / = with each new request, and the same value again only to retry that request.';

function invalid(reason: string): GatewayError {
  return new GatewayError(
    ErrorCode.VALIDATION_FAILED,
    `The ${IDEMPOTENCY_KEY_HEADER} header ${reason}. ${HOW_TO}`,
    {
      errors: [
        {
          in: 'header',
          pointer: `/${IDEMPOTENCY_KEY_HEADER}`,
          code: 'invalid_idempotency_key',
          message: HOW_TO,
        },
      ],
    },
  );
}

/**
 * The key from the header, or undefined without one. The draft defines the value as a
 * Structured Field string (`"8e03978e-…"`); the bare token clients commonly send is accepted too.
 */
export function parseIdempotencyKey(header: string | string[] | undefined): string | undefined {
  if (header === undefined) return undefined;
  if (Array.isArray(header)) throw invalid('was sent more than once');
  const trimmed = header.trim();
  const value =
    trimmed.length >= 2 && trimmed.startsWith('"') && trimmed.endsWith('"') ? trimmed.slice(1, -1) : trimmed;
  if (!KEY.test(value)) throw invalid('is not a valid key');
  return value;
}

/**
 * Validates `Idempotency-Key` on POST requests before anything else runs (400 when it is
 * malformed) and leaves it on the request for requestMetaOf. Other methods ignore it.
 */
export function installIdempotencyKeyCheck(fastify: FastifyInstance): void {
  fastify.addHook('onRequest', async (request) => {
    if (!KEYED_METHODS.has(request.method)) return;
    request.idempotencyKey = parseIdempotencyKey(request.headers['idempotency-key']);
  });
}

/** Who sent the key: the API client or person, and the client a person is acted for by. */
function callerOf(actor: Actor): string {
  const caller = `${actor.kind}:${actor.id}`;
  return actor.onBehalfOf ? `${caller} via client:${actor.onBehalfOf}` : caller;
}

/**
 * What the service needs to keep the key: the key scoped to the caller and the route (so two
 * clients' keys never meet), and a hash of the request — its method, path with query, and body
 * as canonical JSON — so the same key with another request is recognised (422).
 */
export function idempotencyMetaOf(request: FastifyRequest, actor: Actor): IdempotencyMeta | undefined {
  const key = request.idempotencyKey;
  if (key === undefined) return undefined;
  const route = request.routeOptions.url ?? request.url.split('?')[0] ?? request.url;
  const requestHash = createHash('sha256')
    .update(canonicalJson({ method: request.method, path: request.url, body: request.body ?? null }))
    .digest('hex');
  return { key, scope: `${callerOf(actor)} ${request.method} ${route}`, requestHash };
}
