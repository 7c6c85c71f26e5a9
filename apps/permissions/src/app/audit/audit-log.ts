import { Inject, Injectable } from '@nestjs/common';
import { v7 as uuidv7 } from 'uuid';
import { AuditChainCheckpointedV1, checkpointBroken, type AuditVerification } from '@gongkai/contracts';
import type { DataServiceConfig } from '@gongkai/config';
import { compareWithCheckpoints, emitEvent, readCheckpoints, signCheckpoint } from '@gongkai/messaging';
import { MessagingLifecycle, SERVICE_CONFIG } from '@gongkai/service-kit';
import { PERMISSIONS_CONFIG, type PermissionsConfig } from '../config/permissions-config';
import type { PermissionsTx } from '../prisma.service';
import type { Operation } from '../shared/operation';
import {
  AUDIT_CHAIN,
  AuditChainVerifier,
  CURRENT_AUDIT_HASH_VERSION,
  GENESIS_HASH,
  hashAuditEntry,
  type HashedAuditFields,
} from './audit-chain';
import { AuditRepository, toChainedEntry } from './audit.repository';

/** JSON as jsonb will hand it back: Dates as ISO strings, undefined members gone. */
function normalise(value: unknown): unknown {
  return value === undefined ? null : (JSON.parse(JSON.stringify(value)) as unknown);
}

/**
 * The one writer of the audit log. Called inside the transaction of the change it records, so an
 * entry exists exactly when the change does. Appends take a transaction-scoped advisory lock, so
 * entries of concurrent transactions (and replicas) chain one after another with consecutive
 * seqs; each append also publishes the chain's new head as a signed checkpoint (outbox → the
 * PERMISSIONS stream, outside this database), which `verify` compares the chain with.
 */
@Injectable()
export class AuditLog {
  constructor(
    private readonly auditRepository: AuditRepository,
    private readonly messaging: MessagingLifecycle,
    @Inject(SERVICE_CONFIG) private readonly serviceConfig: DataServiceConfig,
    @Inject(PERMISSIONS_CONFIG) private readonly config: PermissionsConfig,
  ) {}

  async flush(tx: PermissionsTx, operation: Operation): Promise<void> {
    if (operation.audits.length === 0) return;
    await this.auditRepository.lockChain(tx);
    const last = await this.auditRepository.last(tx);
    let prevHash = last?.hash ?? GENESIS_HASH;
    let seq = last?.seq ?? 0;
    const recordedAt = new Date().toISOString();
    for (const draft of operation.audits.splice(0)) {
      seq += 1;
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
      const hash = hashAuditEntry({ ...fields, seq }, CURRENT_AUDIT_HASH_VERSION);
      await this.auditRepository.insert(tx, {
        ...fields,
        seq,
        hash,
        hashVersion: CURRENT_AUDIT_HASH_VERSION,
      });
      prevHash = hash;
    }
    await emitEvent(
      tx,
      AuditChainCheckpointedV1,
      signCheckpoint(this.config.chainCheckpointKey, { chain: AUDIT_CHAIN, seq, hash: prevHash }),
      operation.events(new Date(recordedAt)),
    );
  }

  /**
   * Walks the whole chain in seq order, a batch at a time, reports the first broken entry, and
   * compares the chain with every checkpoint published (so deleting the newest entries shows,
   * even after more were appended).
   */
  async verify(batchSize = 1000): Promise<AuditVerification> {
    const verifier = new AuditChainVerifier();
    const hashes = new Map<number, string>();
    let afterSeq = 0n;
    for (;;) {
      const rows = await this.auditRepository.batchAfter(afterSeq, batchSize);
      if (rows.length === 0) break;
      for (const row of rows) hashes.set(Number(row.seq), row.hash);
      if (!verifier.feed(rows.map(toChainedEntry))) break;
      afterSeq = rows[rows.length - 1]?.seq ?? afterSeq;
      if (rows.length < batchSize) break;
    }
    const chain = verifier.result();
    const runtime = this.messaging.startedRuntime;
    const checkpoint = await compareWithCheckpoints({
      key: this.config.chainCheckpointKey,
      readCheckpoints: async () => {
        if (!runtime) throw new Error('Messaging has not started');
        return readCheckpoints(runtime.nats, {
          prefix: this.serviceConfig.nats.prefix,
          definition: AuditChainCheckpointedV1,
        });
      },
      // A broken chain stops the walk early: look the rest up.
      hashAt: (seq) => hashes.get(seq) ?? (chain.valid ? null : this.auditRepository.hashAt(seq)),
    });
    if (chain.valid && checkpointBroken(checkpoint)) {
      return { ...chain, valid: false, reason: 'checkpoint_mismatch', checkpoint };
    }
    return { ...chain, checkpoint };
  }
}
