import { sign, verify, type KeyObject } from 'node:crypto';
import {
  ActorProofSchema,
  ActorSchema,
  CommonErrorReasons,
  DomainError,
  canonicalJson,
  type Actor,
  type ActorProof,
  type RequestMeta,
} from '@gongkai/contracts';
import { z } from 'zod';
import { INTERNAL_CALLS } from '../bus/bus-permissions';

/**
 * The gateway's proof of the actor on the subjects services may publish too (INTERNAL_CALLS).
 *
 * Every other request subject is the gateway's alone (NATS permissions), so its `meta.actor` is
 * the one the gateway authenticated. On these read-only subjects a service's own NATS user may
 * publish as well, and a compromised service could name any person as actor (to read another
 * department's drafts). The gateway therefore signs the actor it sends there, with its Ed25519 key
 * (GATEWAY_ACTOR_SIGNING_KEY), over the canonical JSON of
 * `{ purpose, subject, actor, correlationId, expiresAt }`; the receiving service
 * (ServiceNatsServer) accepts a person or API client as actor there only with a valid, unexpired
 * proof for that subject and actor (GATEWAY_ACTOR_PUBLIC_KEY). A plain system actor needs none and
 * gets the system view (published versions only; a service's own permission checks).
 *
 * The signed bytes are recomputed from the request, never read from it: nothing in the proof but
 * `expiresAt` and the signature travels, so there is no second copy of the actor to disagree with.
 */

/** How long a proof is valid after the gateway signs it: the request reaches its service in ms. */
export const ACTOR_PROOF_TTL_MS = 30_000;

/** Separates these signatures from anything else a key could ever sign. */
const PURPOSE = 'gongkai.gateway-actor-proof.v1';

/** The subjects (unprefixed) whose actor must be proven: every subject a service may request. */
export const PROVEN_ACTOR_SUBJECTS: ReadonlySet<string> = new Set(Object.values(INTERNAL_CALLS).flat());

/** A person, an API client, or a system acting for someone: only the gateway may name them. */
export function needsActorProof(actor: Actor): boolean {
  return actor.kind !== 'system' || actor.onBehalfOf !== undefined;
}

function signedBytes(subject: string, actor: Actor, correlationId: string, expiresAt: number): Buffer {
  // Only the actor's known fields, so an unknown extra member cannot make two sides disagree.
  const { kind, id, onBehalfOf } = actor;
  return Buffer.from(
    canonicalJson({ purpose: PURPOSE, subject, actor: { kind, id, onBehalfOf }, correlationId, expiresAt }),
    'utf8',
  );
}

function requireEd25519(key: KeyObject, type: 'private' | 'public', what: string): void {
  if (key.type !== type || key.asymmetricKeyType !== 'ed25519') {
    throw new Error(
      `${what} must be an Ed25519 ${type} key (got a ${key.asymmetricKeyType ?? key.type} ${key.type} key)`,
    );
  }
}

/** The gateway's side: ServiceClient stamps `meta.actorProof` with it on PROVEN_ACTOR_SUBJECTS. */
export class ActorProofSigner {
  constructor(
    private readonly privateKey: KeyObject,
    private readonly ttlMs: number = ACTOR_PROOF_TTL_MS,
  ) {
    requireEd25519(privateKey, 'private', 'The actor proof signing key');
  }

  /** The proof for `meta.actor` on `subject` (unprefixed), valid for ttlMs from `now`. */
  prove(subject: string, meta: Pick<RequestMeta, 'actor' | 'correlationId'>, now = Date.now()): ActorProof {
    const expiresAt = now + this.ttlMs;
    const signature = sign(
      null,
      signedBytes(subject, meta.actor, meta.correlationId, expiresAt),
      this.privateKey,
    );
    return { expiresAt, signature: signature.toString('base64url') };
  }

  /**
   * `meta` as sent to `subject`: with a fresh proof where one is needed, never with a proof it
   * came with (a proof is for the one request the gateway signed it for).
   */
  stamp(subject: string, meta: RequestMeta, now = Date.now()): RequestMeta {
    const { actorProof: _dropped, ...rest } = meta;
    if (!PROVEN_ACTOR_SUBJECTS.has(subject) || !needsActorProof(meta.actor)) return rest;
    return { ...rest, actorProof: this.prove(subject, meta, now) };
  }
}

/** What the receiving side needs of a request's meta; the handler validates the rest. */
const ProvenMetaSchema = z.object({
  actor: ActorSchema,
  correlationId: z.string().min(1),
  actorProof: z.unknown().optional(),
});

export type ActorProofProblem = 'missing' | 'malformed' | 'expired' | 'invalid';

const PROBLEMS: Record<ActorProofProblem, string> = {
  missing: 'it carries no proof from the gateway',
  malformed: 'its proof is malformed',
  expired: 'its proof has expired',
  invalid: 'its proof does not match this request or was not signed by the gateway',
};

/** The service's side: ServiceNatsServer checks every request on PROVEN_ACTOR_SUBJECTS with it. */
export class ActorProofVerifier {
  constructor(private readonly publicKey: KeyObject) {
    requireEd25519(publicKey, 'public', 'The actor proof public key');
  }

  /** Whether requests to `subject` (unprefixed) are checked at all. */
  guards(subject: string): boolean {
    return PROVEN_ACTOR_SUBJECTS.has(subject);
  }

  /**
   * null when `data` (`{ meta, body }`) may go on to the handler: another subject, a plain system
   * actor, a valid proof, or a meta the handler's validation refuses anyway. Otherwise the
   * problem with the proof.
   */
  problemWith(subject: string, data: unknown, now = Date.now()): ActorProofProblem | null {
    if (!this.guards(subject)) return null;
    const meta = ProvenMetaSchema.safeParse((data as { meta?: unknown } | null | undefined)?.meta);
    if (!meta.success || !needsActorProof(meta.data.actor)) return null;
    if (meta.data.actorProof === undefined) return 'missing';
    const proof = ActorProofSchema.safeParse(meta.data.actorProof);
    if (!proof.success) return 'malformed';
    const { expiresAt, signature } = proof.data;
    const bytes = signedBytes(subject, meta.data.actor, meta.data.correlationId, expiresAt);
    // Signature first: an expiry is only worth reporting on a proof the gateway made.
    if (!verify(null, bytes, this.publicKey, Buffer.from(signature, 'base64url'))) return 'invalid';
    if (expiresAt <= now) return 'expired';
    return null;
  }

  /** Throws ACTOR_NOT_PROVEN (403) when problemWith finds a problem. */
  check(subject: string, data: unknown, now = Date.now()): void {
    const problem = this.problemWith(subject, data, now);
    if (problem) throw actorNotProven(problem);
  }
}

/** The refusal: what is wrong, and what to do instead. */
export function actorNotProven(problem: ActorProofProblem): DomainError {
  return DomainError.because(
    CommonErrorReasons.ACTOR_NOT_PROVEN,
    `Only the gateway may name a person or API client as the actor of this request, and ${PROBLEMS[problem]}. ` +
      'A service asks as its own system actor ({ kind: "system" }); through the gateway, check that its ' +
      "GATEWAY_ACTOR_SIGNING_KEY and this service's GATEWAY_ACTOR_PUBLIC_KEY are one key pair.",
    { problem },
  );
}
