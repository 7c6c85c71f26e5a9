import { z } from 'zod';
import { ActorSchema } from './envelope';

/**
 * A client's `Idempotency-Key` (draft-ietf-httpapi-idempotency-key-header), as the gateway
 * forwards it with a command. The service keeps it with the command's result in its own
 * database (libs/messaging/src/idempotency/), so a retry answers the first result.
 */
export const IdempotencyMetaSchema = z.object({
  key: z.string().min(1).max(255),
  /** Who sent it and through which route, e.g. `client:<id> POST /api/v1/departments`. */
  scope: z.string().min(1).max(1000),
  /** SHA-256 (hex) of the canonical request: the same key with another hash is refused (422). */
  requestHash: z.string().regex(/^[0-9a-f]{64}$/),
  /**
   * The subject the key is for, stamped by ServiceClient on the first hop. A service that
   * forwards its meta to another subject forwards the key too, but it does not apply there.
   */
  operation: z.string().min(1).optional(),
});
export type IdempotencyMeta = z.infer<typeof IdempotencyMetaSchema>;

/**
 * The gateway's proof that it authenticated `meta.actor` for this one request: an Ed25519
 * signature (GATEWAY_ACTOR_SIGNING_KEY) over the canonical JSON of the subject, the actor, the
 * correlation id and `expiresAt` (libs/messaging/src/rpc/actor-proof.ts). Sent only on the
 * read-only subjects services may also publish (INTERNAL_CALLS), where the receiving service
 * accepts a person or API client as actor only with a valid one.
 */
export const ActorProofSchema = z.object({
  /** Epoch milliseconds; about 30 s after the gateway sent the request. */
  expiresAt: z.number().int().positive(),
  /** The 64-byte Ed25519 signature, base64url without padding. */
  signature: z.string().regex(/^[A-Za-z0-9_-]{86}$/, 'an Ed25519 signature, base64url'),
});
export type ActorProof = z.infer<typeof ActorProofSchema>;

/**
 * Every NATS request carries who asks and the correlation id alongside the command itself,
 * so handlers can authorise, audit and stamp their events without reading transport headers.
 */
export const RequestMetaSchema = z.object({
  actor: ActorSchema,
  correlationId: z.string().min(1),
  /** Only on commands sent with an `Idempotency-Key`. */
  idempotency: IdempotencyMetaSchema.optional(),
  /** Only from the gateway, only on the subjects of INTERNAL_CALLS (see ActorProofSchema). */
  actorProof: ActorProofSchema.optional(),
});
export type RequestMeta = z.infer<typeof RequestMetaSchema>;

function buildRequestSchema<T extends z.ZodType>(body: T) {
  return z.object({ meta: RequestMetaSchema, body });
}

// One request schema per body schema: zod compiles an object schema on its first parse, and
// building it again for every request cost the permissions service about 7 % of its CPU (issue 13).
const requestSchemas = new WeakMap<z.ZodType, z.ZodType>();

export function requestSchema<T extends z.ZodType>(body: T): ReturnType<typeof buildRequestSchema<T>> {
  let schema = requestSchemas.get(body);
  if (!schema) {
    schema = buildRequestSchema(body);
    requestSchemas.set(body, schema);
  }
  return schema as ReturnType<typeof buildRequestSchema<T>>;
}
export interface Request<TBody> {
  meta: RequestMeta;
  body: TBody;
}
