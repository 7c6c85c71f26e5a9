import { Injectable } from '@nestjs/common';
import type { Prisma, Publication as PublicationRow } from '../../generated/prisma/client';
import { PrismaService, type CatalogueTx } from '../prisma.service';
import { PUBLISHED_STATES } from './publications.repository';

/** Appends are serialised across transactions and replicas by this transaction-scoped lock. */
const LEDGER_LOCK = 4_242_101;

export interface LedgerEntry {
  seq: number;
  id: string;
  publicationId: string;
  itemId: string;
  change: string;
  state: Record<string, unknown>;
  recordedAt: string;
  prevHash: string;
  hash: string;
}

/** The only code that touches the publication_chain_entry table. Never updates or deletes (a trigger refuses it anyway). */
@Injectable()
export class PublicationLedgerRepository {
  constructor(private readonly prisma: PrismaService) {}

  async lock(tx: CatalogueTx): Promise<void> {
    await tx.$executeRawUnsafe(`SELECT pg_advisory_xact_lock(${LEDGER_LOCK})`);
  }

  async last(tx: CatalogueTx): Promise<{ seq: number; hash: string } | null> {
    const last = await tx.publicationChainEntry.findFirst({
      orderBy: { seq: 'desc' },
      select: { seq: true, hash: true },
    });
    return last ? { seq: Number(last.seq), hash: last.hash } : null;
  }

  async insert(tx: CatalogueTx, entry: LedgerEntry): Promise<void> {
    await tx.publicationChainEntry.create({
      data: {
        seq: BigInt(entry.seq),
        id: entry.id,
        publicationId: entry.publicationId,
        itemId: entry.itemId,
        change: entry.change,
        state: entry.state as Prisma.InputJsonValue,
        recordedAt: new Date(entry.recordedAt),
        prevHash: entry.prevHash,
        hash: entry.hash,
      },
    });
  }

  async batchAfter(afterSeq: number, limit: number): Promise<LedgerEntry[]> {
    const rows = await this.prisma.publicationChainEntry.findMany({
      where: { seq: { gt: BigInt(afterSeq) } },
      orderBy: { seq: 'asc' },
      take: limit,
    });
    return rows.map((row) => ({
      seq: Number(row.seq),
      id: row.id,
      publicationId: row.publicationId,
      itemId: row.itemId,
      change: row.change,
      state: row.state as Record<string, unknown>,
      recordedAt: row.recordedAt.toISOString(),
      prevHash: row.prevHash,
      hash: row.hash,
    }));
  }

  /** Versions in a published state that the ledger has no entry for (published before it existed). */
  async publishedWithoutEntry(tx: CatalogueTx): Promise<PublicationRow[]> {
    const recorded = await tx.publicationChainEntry.findMany({
      select: { publicationId: true },
      distinct: ['publicationId'],
    });
    return tx.publication.findMany({
      where: {
        state: { in: PUBLISHED_STATES },
        id: { notIn: recorded.map((entry) => entry.publicationId) },
      },
      orderBy: [{ itemId: 'asc' }, { version: 'asc' }],
    });
  }

  async rowsByIds(tx: CatalogueTx, ids: readonly string[]): Promise<Map<string, PublicationRow>> {
    const rows = await tx.publication.findMany({ where: { id: { in: [...ids] } } });
    return new Map(rows.map((row) => [row.id, row]));
  }

  /** The rows of an item's versions as stored, state fields unparsed (verification). */
  async rowsOf(itemId: string): Promise<PublicationRow[]> {
    return this.prisma.publication.findMany({ where: { itemId, state: { in: PUBLISHED_STATES } } });
  }
}
