import { createHash } from 'node:crypto';
import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { v7 as uuidv7 } from 'uuid';
import {
  LEDGER_BREAK_REASONS,
  PublicationChainCheckpointedV1,
  SYSTEM_ACTOR,
  canonicalJson,
  checkpointBroken,
  type CheckpointComparison,
} from '@gongkai/contracts';
import type { DataServiceConfig } from '@gongkai/config';
import {
  compareWithCheckpoints,
  emitEvent,
  readCheckpoints,
  signCheckpoint,
  type EventContext,
} from '@gongkai/messaging';
import { MessagingLifecycle, SERVICE_CONFIG } from '@gongkai/service-kit';
import { PrismaService, type CatalogueTx } from '../prisma.service';
import { PublicationLedgerRepository, type LedgerEntry } from './publication-ledger.repository';

export const PUBLICATION_CHAIN = 'catalogue.publications';
export const CHAIN_CHECKPOINT_KEY = Symbol('CHAIN_CHECKPOINT_KEY');
const GENESIS_HASH = '0'.repeat(64);

export type LedgerChange = 'published' | 'superseded' | 'withdrawn' | 'sealed';

/** The fields of a version that change after it is published, or that say who published it and when. */
export interface PublicationStateFields {
  id: string;
  itemId: string;
  version: number | null;
  state: string;
  contentHash: string | null;
  previousHash: string | null;
  publisher: string | null;
  publishedAt: Date | null;
  publishedBy: unknown;
  publishedOnTime: boolean | null;
  dueAt: Date | null;
  informationChangedAt: Date | null;
  secrecyReviewer: string | null;
  secrecyDecision: string | null;
  secrecyNote: string | null;
  secrecyReviewedBy: unknown;
  secrecyReviewedAt: Date | null;
  supersededAt: Date | null;
  withdrawnAt: Date | null;
  withdrawnReason: string | null;
  withdrawnBy: unknown;
}

const isoOrNull = (date: Date | null) => date?.toISOString() ?? null;

/** A version's state as the ledger keeps it (JSON as jsonb hands it back). */
export function ledgerStateOf(row: PublicationStateFields): Record<string, unknown> {
  return JSON.parse(
    JSON.stringify({
      publicationId: row.id,
      itemId: row.itemId,
      version: row.version,
      state: row.state,
      contentHash: row.contentHash,
      previousHash: row.previousHash,
      publisher: row.publisher,
      publishedAt: isoOrNull(row.publishedAt),
      publishedBy: row.publishedBy ?? null,
      publishedOnTime: row.publishedOnTime,
      dueAt: isoOrNull(row.dueAt),
      informationChangedAt: isoOrNull(row.informationChangedAt),
      secrecyReviewer: row.secrecyReviewer,
      secrecyDecision: row.secrecyDecision,
      secrecyNote: row.secrecyNote,
      secrecyReviewedBy: row.secrecyReviewedBy ?? null,
      secrecyReviewedAt: isoOrNull(row.secrecyReviewedAt),
      supersededAt: isoOrNull(row.supersededAt),
      withdrawnAt: isoOrNull(row.withdrawnAt),
      withdrawnReason: row.withdrawnReason,
      withdrawnBy: row.withdrawnBy ?? null,
    }),
  ) as Record<string, unknown>;
}

/** sha256 over everything the entry stores, its seq and the previous entry's hash included. */
export function hashLedgerEntry(entry: Omit<LedgerEntry, 'hash'>): string {
  const content = {
    seq: entry.seq,
    id: entry.id,
    publicationId: entry.publicationId,
    itemId: entry.itemId,
    change: entry.change,
    state: entry.state,
    recordedAt: entry.recordedAt,
    prevHash: entry.prevHash,
  };
  return createHash('sha256').update(canonicalJson(content), 'utf8').digest('hex');
}

export interface LedgerVerification {
  intact: boolean;
  checked: number;
  lastSeq: number | null;
  firstBrokenSeq: number | null;
  reason: (typeof LEDGER_BREAK_REASONS)[number] | null;
  checkpoint: CheckpointComparison;
  /** Each publication's newest state in the ledger (up to the first broken entry). */
  latestStates: Map<string, Record<string, unknown>>;
}

/**
 * The one writer of the publication ledger. `record` runs in the transaction of the change it
 * records, under a transaction-scoped advisory lock so entries of concurrent transactions (and
 * replicas) get consecutive seqs, and publishes the new head as a signed checkpoint (outbox → the
 * CATALOGUE stream, outside this database). `verify` walks the ledger and compares it with every
 * checkpoint. At boot, versions published before the ledger existed are recorded once (`sealed`).
 */
@Injectable()
export class PublicationLedger implements OnApplicationBootstrap {
  private readonly logger = new Logger(PublicationLedger.name);

  constructor(
    private readonly prisma: PrismaService,
    private readonly ledgerRepository: PublicationLedgerRepository,
    private readonly messaging: MessagingLifecycle,
    @Inject(SERVICE_CONFIG) private readonly config: DataServiceConfig,
    @Inject(CHAIN_CHECKPOINT_KEY) private readonly checkpointKey: string,
  ) {}

  /** Records the versions' states as they now stand in `tx` (read back as stored, so verify compares like with like). */
  async record(
    tx: CatalogueTx,
    changes: readonly { publicationId: string; change: LedgerChange }[],
    context: EventContext,
  ): Promise<void> {
    if (changes.length === 0) return;
    await this.ledgerRepository.lock(tx);
    const rows = await this.ledgerRepository.rowsByIds(
      tx,
      changes.map((change) => change.publicationId),
    );
    const last = await this.ledgerRepository.last(tx);
    let seq = last?.seq ?? 0;
    let prevHash = last?.hash ?? GENESIS_HASH;
    const recordedAt = new Date().toISOString();
    for (const { publicationId, change } of changes) {
      const row = rows.get(publicationId);
      if (!row) throw new Error(`Publication ${publicationId} is not there to record in the ledger`);
      seq += 1;
      const entry = {
        seq,
        id: uuidv7(),
        publicationId: row.id,
        itemId: row.itemId,
        change,
        state: ledgerStateOf(row),
        recordedAt,
        prevHash,
      };
      const hash = hashLedgerEntry(entry);
      await this.ledgerRepository.insert(tx, { ...entry, hash });
      prevHash = hash;
    }
    await emitEvent(
      tx,
      PublicationChainCheckpointedV1,
      signCheckpoint(this.checkpointKey, { chain: PUBLICATION_CHAIN, seq, hash: prevHash }),
      { ...context, occurredAt: new Date(recordedAt) },
    );
  }

  async verify(batchSize = 1000): Promise<LedgerVerification> {
    const hashes = new Map<number, string>();
    const latestStates = new Map<string, Record<string, unknown>>();
    let expectedPrev = GENESIS_HASH;
    let lastSeq: number | null = null;
    let checked = 0;
    let broken: Pick<LedgerVerification, 'firstBrokenSeq' | 'reason'> | null = null;
    let after = 0;
    walk: for (;;) {
      const entries = await this.ledgerRepository.batchAfter(after, batchSize);
      for (const entry of entries) {
        hashes.set(entry.seq, entry.hash);
        if (broken) continue;
        checked += 1;
        if (hashLedgerEntry(entry) !== entry.hash)
          broken = { firstBrokenSeq: entry.seq, reason: 'hash_mismatch' };
        else if (entry.prevHash !== expectedPrev)
          broken = { firstBrokenSeq: entry.seq, reason: 'prev_hash_mismatch' };
        else if (lastSeq !== null && entry.seq !== lastSeq + 1)
          broken = { firstBrokenSeq: entry.seq, reason: 'seq_gap' };
        else {
          expectedPrev = entry.hash;
          lastSeq = entry.seq;
          latestStates.set(entry.publicationId, entry.state);
        }
      }
      if (entries.length < batchSize) break walk;
      after = entries[entries.length - 1]?.seq ?? after;
    }
    const runtime = this.messaging.startedRuntime;
    const checkpoint = await compareWithCheckpoints({
      key: this.checkpointKey,
      readCheckpoints: async () => {
        if (!runtime) throw new Error('Messaging has not started');
        return readCheckpoints(runtime.nats, {
          prefix: this.config.nats.prefix,
          definition: PublicationChainCheckpointedV1,
        });
      },
      hashAt: (seq) => hashes.get(seq) ?? null,
    });
    if (!broken && checkpointBroken(checkpoint))
      broken = { firstBrokenSeq: null, reason: 'checkpoint_mismatch' };
    return {
      intact: broken === null,
      checked,
      lastSeq: broken ? null : lastSeq,
      firstBrokenSeq: broken?.firstBrokenSeq ?? null,
      reason: broken?.reason ?? null,
      checkpoint,
      latestStates,
    };
  }

  /** Versions published before the ledger existed get one `sealed` entry each, once. */
  async onApplicationBootstrap(): Promise<void> {
    const sealed = await this.prisma.$transaction(async (tx) => {
      await this.ledgerRepository.lock(tx);
      const unrecorded = await this.ledgerRepository.publishedWithoutEntry(tx);
      await this.record(
        tx,
        unrecorded.map((row) => ({ publicationId: row.id, change: 'sealed' as const })),
        {
          source: 'catalogue',
          actor: SYSTEM_ACTOR,
          correlationId: `ledger-seal-${uuidv7()}`,
          occurredAt: new Date(),
        },
      );
      return unrecorded.length;
    });
    if (sealed > 0) this.logger.log(`Recorded ${sealed} version(s) published before the ledger existed`);
  }
}
