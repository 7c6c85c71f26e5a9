import { generateKeyPairSync } from 'node:crypto';
import {
  CatalogueRpc,
  CheckPermissionRpc,
  CommonErrorReasons,
  DomainError,
  ErrorCode,
  PermissionsRpc,
  type RequestMeta,
} from '@gongkai/contracts';
import {
  ACTOR_PROOF_TTL_MS,
  ActorProofSigner,
  ActorProofVerifier,
  PROVEN_ACTOR_SUBJECTS,
  needsActorProof,
} from './actor-proof';

const GET: string = CatalogueRpc.getPublication.subject;
const CHECK: string = CheckPermissionRpc.subject;
const NOW = Date.parse('2026-03-02T08:00:00Z');
const gatewayKeys = generateKeyPairSync('ed25519');
const otherKeys = generateKeyPairSync('ed25519');
const signer = new ActorProofSigner(gatewayKeys.privateKey);
const verifier = new ActorProofVerifier(gatewayKeys.publicKey);
const head: RequestMeta = {
  actor: { kind: 'person', id: '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b' },
  correlationId: 'corr-proof-1',
};
const body = { itemId: 'i', publicationId: 'p' };
const signed = (meta: RequestMeta = head, subject = GET, now = NOW) => signer.stamp(subject, meta, now);

describe('the gateway actor proof', () => {
  it('covers exactly the subjects services may request (INTERNAL_CALLS)', () => {
    expect([...PROVEN_ACTOR_SUBJECTS].sort()).toEqual([GET, CHECK].sort());
  });

  it('accepts the gateway-signed actor on its subject until it expires', () => {
    const meta = signed();
    expect(meta.actorProof).toEqual({ expiresAt: NOW + ACTOR_PROOF_TTL_MS, signature: expect.any(String) });
    expect(verifier.problemWith(GET, { meta, body }, NOW + 1)).toBeNull();
    expect(verifier.problemWith(GET, { meta, body }, NOW + ACTOR_PROOF_TTL_MS - 1)).toBeNull();
    expect(() => verifier.check(GET, { meta, body }, NOW)).not.toThrow();
  });

  it('refuses a person or API client without a proof, with ACTOR_NOT_PROVEN (403) saying what to do', () => {
    expect(verifier.problemWith(GET, { meta: head, body }, NOW)).toBe('missing');
    const client: RequestMeta = { ...head, actor: { kind: 'client', id: 'c' } };
    expect(verifier.problemWith(CHECK, { meta: client, body }, NOW)).toBe('missing');
    let thrown: unknown;
    try {
      verifier.check(GET, { meta: head, body }, NOW);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(DomainError);
    expect((thrown as DomainError).toBody()).toEqual({
      code: ErrorCode.FORBIDDEN,
      reason: CommonErrorReasons.ACTOR_NOT_PROVEN.reason,
      message: expect.stringMatching(
        /only the gateway may name a person.*system actor.*GATEWAY_ACTOR_PUBLIC_KEY/is,
      ),
      details: { problem: 'missing' },
    });
  });

  it('refuses a proof signed with another key', () => {
    const forged = new ActorProofSigner(otherKeys.privateKey).stamp(GET, head, NOW);
    expect(verifier.problemWith(GET, { meta: forged, body }, NOW)).toBe('invalid');
  });

  it('refuses an expired proof', () => {
    const meta = signed();
    expect(verifier.problemWith(GET, { meta, body }, NOW + ACTOR_PROOF_TTL_MS)).toBe('expired');
  });

  it('refuses a proof with its expiry moved on', () => {
    const meta = signed();
    const stretched = { ...meta, actorProof: { ...meta.actorProof!, expiresAt: NOW + 3_600_000 } };
    expect(verifier.problemWith(GET, { meta: stretched, body }, NOW + ACTOR_PROOF_TTL_MS + 1)).toBe(
      'invalid',
    );
  });

  it('refuses a proof made for another subject', () => {
    const forCheck = signed(head, CHECK);
    expect(verifier.problemWith(GET, { meta: forCheck, body }, NOW)).toBe('invalid');
  });

  it('refuses a proof made for another actor, another acting client or another correlation id', () => {
    const meta = signed();
    const otherPerson = { ...meta, actor: { kind: 'person' as const, id: 'the-office-head' } };
    expect(verifier.problemWith(GET, { meta: otherPerson, body }, NOW)).toBe('invalid');
    const onBehalf = { ...meta, actor: { ...meta.actor, onBehalfOf: 'campus-client' } };
    expect(verifier.problemWith(GET, { meta: onBehalf, body }, NOW)).toBe('invalid');
    const otherKind = { ...meta, actor: { ...meta.actor, kind: 'client' as const } };
    expect(verifier.problemWith(GET, { meta: otherKind, body }, NOW)).toBe('invalid');
    const replayed = { ...meta, correlationId: 'corr-proof-2' };
    expect(verifier.problemWith(GET, { meta: replayed, body }, NOW)).toBe('invalid');
  });

  it('refuses a malformed proof', () => {
    const meta = { ...head, actorProof: { expiresAt: NOW + 1000, signature: 'not-a-signature' } };
    expect(verifier.problemWith(GET, { meta, body }, NOW)).toBe('malformed');
    expect(verifier.problemWith(GET, { meta: { ...head, actorProof: 'x' }, body }, NOW)).toBe('malformed');
  });

  it('lets a plain system actor through without a proof, but not one acting for someone', () => {
    const system: RequestMeta = { actor: { kind: 'system', id: 'rounds' }, correlationId: 'c' };
    expect(needsActorProof(system.actor)).toBe(false);
    expect(verifier.problemWith(GET, { meta: system, body }, NOW)).toBeNull();
    const acting = { ...system, actor: { ...system.actor, onBehalfOf: head.actor.id } };
    expect(needsActorProof(acting.actor)).toBe(true);
    expect(verifier.problemWith(GET, { meta: acting, body }, NOW)).toBe('missing');
  });

  it('checks nothing on the subjects only the gateway may publish, and leaves malformed meta to validation', () => {
    expect(verifier.guards(PermissionsRpc.createDepartment.subject)).toBe(false);
    expect(
      verifier.problemWith(PermissionsRpc.createDepartment.subject, { meta: head, body }, NOW),
    ).toBeNull();
    expect(verifier.problemWith(GET, { body }, NOW)).toBeNull();
    expect(verifier.problemWith(GET, undefined, NOW)).toBeNull();
  });

  it('signs only where needed and never passes on a proof it was given', () => {
    const meta = signed();
    expect(signer.stamp(PermissionsRpc.createDepartment.subject, meta, NOW)).toEqual(head);
    const system: RequestMeta = { actor: { kind: 'system', id: 'gateway' }, correlationId: 'c' };
    expect(signer.stamp(CHECK, system, NOW)).toEqual(system);
    // A fresh proof for the new subject replaces the one for the old.
    const again = signer.stamp(CHECK, meta, NOW);
    expect(verifier.problemWith(CHECK, { meta: again, body }, NOW)).toBeNull();
  });

  it('takes Ed25519 keys only', () => {
    const rsa = generateKeyPairSync('rsa', { modulusLength: 1024 });
    expect(() => new ActorProofSigner(rsa.privateKey)).toThrow(/Ed25519 private key/);
    expect(() => new ActorProofVerifier(rsa.publicKey)).toThrow(/Ed25519 public key/);
    expect(() => new ActorProofVerifier(gatewayKeys.privateKey)).toThrow(/Ed25519 public key/);
  });
});
