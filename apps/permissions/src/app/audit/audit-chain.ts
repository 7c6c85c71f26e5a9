import { createHash } from 'node:crypto';
import type { AuditVerification } from '@gongkai/contracts';
import { canonicalJson } from '@gongkai/contracts';

/** prevHash of the first entry. */
export const GENESIS_HASH = '0'.repeat(64);

/** What an entry's hash covers: every stored field except `seq` and `hash` itself. */
export interface HashedAuditFields {
  id: string;
  occurredAt: string;
  recordedAt: string;
  actor: unknown;
  action: string;
  subjectType: string | null;
  subjectId: string | null;
  reason: string | null;
  before: unknown;
  after: unknown;
  details: unknown;
  prevHash: string;
}

export interface ChainedAuditEntry extends HashedAuditFields {
  seq: number;
  hash: string;
}

/** sha256 (hex) over the canonical JSON of the entry's fields, prevHash included. */
export function hashAuditEntry(fields: HashedAuditFields): string {
  const content: HashedAuditFields = {
    id: fields.id,
    occurredAt: fields.occurredAt,
    recordedAt: fields.recordedAt,
    actor: fields.actor,
    action: fields.action,
    subjectType: fields.subjectType,
    subjectId: fields.subjectId,
    reason: fields.reason,
    before: fields.before,
    after: fields.after,
    details: fields.details,
    prevHash: fields.prevHash,
  };
  return createHash('sha256').update(canonicalJson(content), 'utf8').digest('hex');
}

/**
 * Walks entries in seq order (possibly one batch at a time: pass the state back in) and stops at
 * the first one whose content does not match its hash, or that does not follow the entry before.
 */
export class AuditChainVerifier {
  private expectedPrevHash = GENESIS_HASH;
  private checked = 0;
  private broken: Pick<AuditVerification, 'firstBrokenSeq' | 'firstBrokenId' | 'reason'> | null = null;

  /** Returns false once the chain is broken (no need to read further). */
  feed(entries: readonly ChainedAuditEntry[]): boolean {
    for (const entry of entries) {
      if (this.broken) return false;
      this.checked += 1;
      if (hashAuditEntry(entry) !== entry.hash) {
        this.broken = { firstBrokenSeq: entry.seq, firstBrokenId: entry.id, reason: 'hash_mismatch' };
      } else if (entry.prevHash !== this.expectedPrevHash) {
        this.broken = { firstBrokenSeq: entry.seq, firstBrokenId: entry.id, reason: 'prev_hash_mismatch' };
      } else {
        this.expectedPrevHash = entry.hash;
      }
    }
    return this.broken === null;
  }

  result(): AuditVerification {
    if (this.broken) return { valid: false, checked: this.checked, lastHash: null, ...this.broken };
    return {
      valid: true,
      checked: this.checked,
      firstBrokenSeq: null,
      firstBrokenId: null,
      reason: null,
      lastHash: this.checked > 0 ? this.expectedPrevHash : null,
    };
  }
}

export function verifyAuditChain(entries: readonly ChainedAuditEntry[]): AuditVerification {
  const verifier = new AuditChainVerifier();
  verifier.feed(entries);
  return verifier.result();
}
