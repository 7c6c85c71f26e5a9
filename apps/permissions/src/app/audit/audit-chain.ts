import { createHash } from 'node:crypto';
import type { AuditVerification } from '@gongkai/contracts';
import { canonicalJson } from '@gongkai/contracts';

/** prevHash of the first entry. */
export const GENESIS_HASH = '0'.repeat(64);

/** The chain's name in its checkpoints. */
export const AUDIT_CHAIN = 'permissions.audit';

/**
 * How an entry's hash is computed: 1 (entries written before seq was hashed) covers every stored
 * field except `seq`; 2 covers `seq` too. New entries are written as 2, and a 1 after a 2 is a
 * break, so an entry cannot be passed off as the older kind.
 */
export const CURRENT_AUDIT_HASH_VERSION = 2;

/** What an entry's hash covers, besides `seq` (from version 2 on). */
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
  hashVersion: number;
}

/** sha256 (hex) over the canonical JSON of the entry's fields, prevHash included (and seq, from version 2). */
export function hashAuditEntry(
  fields: HashedAuditFields & { seq: number },
  hashVersion: number = CURRENT_AUDIT_HASH_VERSION,
): string {
  const content = {
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
    ...(hashVersion >= 2 ? { seq: fields.seq } : {}),
  };
  return createHash('sha256').update(canonicalJson(content), 'utf8').digest('hex');
}

export type AuditChainResult = Omit<AuditVerification, 'checkpoint'>;

/**
 * Walks entries in seq order (possibly one batch at a time: pass the state back in) and stops at
 * the first one whose content does not match its hash, that does not follow the entry before,
 * or (from hash version 2 on, when seq is handed out under the chain's lock) whose seq skips one.
 */
export class AuditChainVerifier {
  private expectedPrevHash = GENESIS_HASH;
  private lastSeq: number | null = null;
  private highestVersion = 1;
  private checked = 0;
  private broken: Pick<AuditVerification, 'firstBrokenSeq' | 'firstBrokenId' | 'reason'> | null = null;

  /** Returns false once the chain is broken (no need to read further). */
  feed(entries: readonly ChainedAuditEntry[]): boolean {
    for (const entry of entries) {
      if (this.broken) return false;
      this.checked += 1;
      const at = { firstBrokenSeq: entry.seq, firstBrokenId: entry.id };
      const version = Math.max(entry.hashVersion, this.highestVersion);
      if (hashAuditEntry(entry, version) !== entry.hash) {
        this.broken = { ...at, reason: 'hash_mismatch' };
      } else if (entry.prevHash !== this.expectedPrevHash) {
        this.broken = { ...at, reason: 'prev_hash_mismatch' };
      } else if (version >= 2 && this.lastSeq !== null && entry.seq !== this.lastSeq + 1) {
        this.broken = { ...at, reason: 'seq_gap' };
      } else {
        this.expectedPrevHash = entry.hash;
        this.lastSeq = entry.seq;
        this.highestVersion = version;
      }
    }
    return this.broken === null;
  }

  result(): AuditChainResult {
    if (this.broken) {
      return { valid: false, checked: this.checked, lastHash: null, lastSeq: null, ...this.broken };
    }
    return {
      valid: true,
      checked: this.checked,
      firstBrokenSeq: null,
      firstBrokenId: null,
      reason: null,
      lastHash: this.checked > 0 ? this.expectedPrevHash : null,
      lastSeq: this.lastSeq,
    };
  }
}

export function verifyAuditChain(entries: readonly ChainedAuditEntry[]): AuditChainResult {
  const verifier = new AuditChainVerifier();
  verifier.feed(entries);
  return verifier.result();
}
