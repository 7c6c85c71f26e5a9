import { Injectable } from '@nestjs/common';
import {
  CycleSchema,
  type CatalogueScope,
  type Channel,
  type Cycle,
  type ItemOrigin,
  type ItemStatus,
} from '@gongkai/contracts';
import type { CatalogueItem as CatalogueItemRow, Prisma } from '../../generated/prisma/client';
import type { CatalogueTx } from '../prisma.service';

/** An item as the service works with it (typed cycle, scope and channels). */
export interface ItemRecord {
  id: string;
  code: string;
  moeItemNo: string | null;
  title: string;
  categoryCode: string;
  description: string | null;
  legalBasis: string | null;
  scope: CatalogueScope;
  cycle: Cycle;
  timeLimitDays: number | null;
  channels: Channel[];
  columnUrl: string | null;
  status: ItemStatus;
  origin: ItemOrigin;
  uncertain: boolean;
  uncertaintyNote: string | null;
  pendingChangeAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

export type NewItem = Omit<ItemRecord, 'createdAt' | 'updatedAt' | 'pendingChangeAt'>;
export type ItemChanges = Partial<Omit<NewItem, 'id' | 'code' | 'origin'>>;

export interface ItemFilter {
  q?: string;
  categoryCode?: string;
  channel?: Channel;
  scope?: CatalogueScope;
  status?: ItemStatus;
  uncertain?: boolean;
  ids?: string[];
  /** Only items whose code sorts after this one (a page's cursor). */
  afterCode?: string;
  /** At most this many, by code. */
  take?: number;
}

export function toItemRecord(row: CatalogueItemRow): ItemRecord {
  return {
    id: row.id,
    code: row.code,
    moeItemNo: row.moeItemNo,
    title: row.title,
    categoryCode: row.categoryCode,
    description: row.description,
    legalBasis: row.legalBasis,
    scope: row.scope as CatalogueScope,
    cycle: CycleSchema.parse(row.cycle),
    timeLimitDays: row.timeLimitDays,
    channels: row.channels as Channel[],
    columnUrl: row.columnUrl,
    status: row.status as ItemStatus,
    origin: row.origin as ItemOrigin,
    uncertain: row.uncertain,
    uncertaintyNote: row.uncertaintyNote,
    pendingChangeAt: row.pendingChangeAt,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

/**
 * A keyword as a Prisma `contains` (PostgreSQL ILIKE '%…%'). There is no Chinese tokenizer in
 * PostgreSQL, and pg_trgm's index only helps from three characters on (and only under a locale
 * that classes CJK as letters), while two-character words (招生, 财务) are the common query. At the
 * catalogue's size (50–500 items, a few thousand versions) a sequential ILIKE scan takes well
 * under a millisecond per hundred rows, so no index is kept for it.
 */
export function keywordFilter(q: string) {
  // Prisma passes `contains` to LIKE as is: escape LIKE's wildcards so they match themselves.
  return { contains: q.replace(/[\\%_]/g, (wildcard) => `\\${wildcard}`), mode: 'insensitive' as const };
}

/** The only place that touches the CatalogueItem model. */
@Injectable()
export class ItemsRepository {
  async findById(db: CatalogueTx, id: string): Promise<ItemRecord | null> {
    const row = await db.catalogueItem.findUnique({ where: { id } });
    return row ? toItemRecord(row) : null;
  }

  async findByCode(db: CatalogueTx, code: string): Promise<ItemRecord | null> {
    const row = await db.catalogueItem.findUnique({ where: { code } });
    return row ? toItemRecord(row) : null;
  }

  /** Serialises changes to one item (version numbers, responsibility revisions) across replicas. */
  async lock(tx: CatalogueTx, id: string): Promise<ItemRecord | null> {
    await tx.$queryRaw`SELECT 1 FROM "catalogue_item" WHERE "id" = ${id}::uuid FOR UPDATE`;
    return this.findById(tx, id);
  }

  async existingCodes(db: CatalogueTx): Promise<Set<string>> {
    const rows = await db.catalogueItem.findMany({ select: { code: true } });
    return new Set(rows.map((row) => row.code));
  }

  async insert(tx: CatalogueTx, item: NewItem, now = new Date()): Promise<ItemRecord> {
    const row = await tx.catalogueItem.create({
      data: { ...item, cycle: item.cycle as Prisma.InputJsonValue, createdAt: now, updatedAt: now },
    });
    return toItemRecord(row);
  }

  async update(tx: CatalogueTx, id: string, changes: ItemChanges): Promise<ItemRecord> {
    const { cycle, ...rest } = changes;
    const row = await tx.catalogueItem.update({
      where: { id },
      data: {
        ...rest,
        ...(cycle ? { cycle: cycle as Prisma.InputJsonValue } : {}),
        updatedAt: new Date(),
      },
    });
    return toItemRecord(row);
  }

  /** Keeps the earliest unpublished change (its time limit runs first). */
  async recordChange(tx: CatalogueTx, id: string, changedAt: Date): Promise<void> {
    await tx.catalogueItem.updateMany({
      where: { id, OR: [{ pendingChangeAt: null }, { pendingChangeAt: { gt: changedAt } }] },
      data: { pendingChangeAt: changedAt },
    });
  }

  /** A publication at `publishedAt` covers every change made up to then. */
  async clearChangesPublished(tx: CatalogueTx, id: string, publishedAt: Date): Promise<void> {
    await tx.catalogueItem.updateMany({
      where: { id, pendingChangeAt: { lte: publishedAt } },
      data: { pendingChangeAt: null },
    });
  }

  /** Items matching the filter, by code. */
  async find(db: CatalogueTx, filter: ItemFilter): Promise<ItemRecord[]> {
    const rows = await db.catalogueItem.findMany({
      where: {
        ...(filter.ids ? { id: { in: filter.ids } } : {}),
        ...(filter.afterCode ? { code: { gt: filter.afterCode } } : {}),
        ...(filter.categoryCode ? { categoryCode: filter.categoryCode } : {}),
        ...(filter.channel ? { channels: { has: filter.channel } } : {}),
        ...(filter.scope ? { scope: filter.scope } : {}),
        ...(filter.status ? { status: filter.status } : {}),
        ...(filter.uncertain !== undefined ? { uncertain: filter.uncertain } : {}),
        ...(filter.q
          ? {
              OR: [
                { title: keywordFilter(filter.q) },
                { description: keywordFilter(filter.q) },
                { code: keywordFilter(filter.q) },
                { moeItemNo: filter.q },
              ],
            }
          : {}),
      },
      orderBy: { code: 'asc' },
      ...(filter.take ? { take: filter.take } : {}),
    });
    return rows.map(toItemRecord);
  }

  async countByCategory(db: CatalogueTx): Promise<Map<string, number>> {
    const groups = await db.catalogueItem.groupBy({ by: ['categoryCode'], _count: { _all: true } });
    return new Map(groups.map((group) => [group.categoryCode, group._count._all]));
  }
}
