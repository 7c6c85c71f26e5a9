import { Injectable } from '@nestjs/common';
import { v7 as uuidv7 } from 'uuid';
import type { AuditVerification } from '@gongkai/contracts';
import type { PermissionsTx } from '../prisma.service';
import type { Operation } from '../shared/operation';
import { AuditChainVerifier, GENESIS_HASH, hashAuditEntry, type HashedAuditFields } from './audit-chain';
import { AuditRepository, toChainedEntry } from './audit.repository';

/** JSON as jsonb will hand it back: Dates as ISO strings, undefined members gone. */
function normalise(value: unknown): unknown {
  return value === undefined ? null : (JSON.parse(JSON.stringify(value)) as unknown);
}

/**
 * The one writer of the audit log. Called inside the transaction of the change it records, so an
 * entry exists exactly when the change does. Appends take a transaction-scoped advisory lock, so
 * entries of concurrent transactions (and replicas) chain one after another.
 */
@Injectable()
export class AuditLog {
  constructor(private readonly auditRepository: AuditRepository) {}

  async flush(tx: PermissionsTx, operation: Operation): Promise<void> {
    if (operation.audits.length === 0) return;
    await this.auditRepository.lockChain(tx);
    let prevHash = (await this.auditRepository.lastHash(tx)) ?? GENESIS_HASH;
    const recordedAt = new Date().toISOString();
    for (const draft of operation.audits.splice(0)) {
      const fields: HashedAuditFields = {
        id: uuidv7(),
        occurredAt: draft.occurredAt.toISOString(),
        recordedAt,
        actor: normalise(operation.actor),
        action: draft.action,
        subjectType: draft.subjectType,
        subjectId: draft.subjectId,
        reason: draft.reason,
        before: normalise(draft.before),
        after: normalise(draft.after),
        details: normalise(draft.details),
        prevHash,
      };
      const hash = hashAuditEntry(fields);
      await this.auditRepository.insert(tx, { ...fields, hash });
      prevHash = hash;
    }
  }

  /** Walks the whole chain in seq order, a batch at a time, and reports the first broken entry. */
  async verify(batchSize = 1000): Promise<AuditVerification> {
    const verifier = new AuditChainVerifier();
    let afterSeq = 0n;
    for (;;) {
      const rows = await this.auditRepository.batchAfter(afterSeq, batchSize);
      if (rows.length === 0) break;
      if (!verifier.feed(rows.map(toChainedEntry))) break;
      afterSeq = rows[rows.length - 1]?.seq ?? afterSeq;
      if (rows.length < batchSize) break;
    }
    return verifier.result();
  }
}
