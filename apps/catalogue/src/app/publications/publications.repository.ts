import { Injectable } from '@nestjs/common';
import { z } from 'zod';
import {
  ActorSchema,
  AttachmentSchema,
  DocumentLinkSchema,
  type Actor,
  type Attachment,
  type CatalogueScope,
  type Channel,
  type DocumentLink,
  type Page,
  type Publication,
  type PublicationSource,
  type PublicationState,
} from '@gongkai/contracts';
import type { Prisma, Publication as PublicationRow } from '../../generated/prisma/client';
import { keywordFilter } from '../items/items.repository';
import type { CatalogueTx } from '../prisma.service';
import { iso } from '../shared/time';
import type { HashedVersion } from './publication-hash';

/** States of a version that was published at some point: they form the item's hash chain. */
export const PUBLISHED_STATES: PublicationState[] = ['published', 'superseded', 'withdrawn'];

const DocumentsSchema = z.array(DocumentLinkSchema);
const AttachmentsSchema = z.array(AttachmentSchema);

export interface PublicationRecord {
  id: string;
  itemId: string;
  version: number | null;
  state: PublicationState;
  source: PublicationSource;
  taskId: string | null;
  roundId: string | null;
  title: string;
  summary: string;
  body: string;
  documents: DocumentLink[];
  attachments: Attachment[];
  channels: Channel[];
  publisher: string | null;
  informationChangedAt: Date | null;
  dueAt: Date | null;
  publishedOnTime: boolean | null;
  createdBy: Actor;
  createdAt: Date;
  submittedAt: Date | null;
  secrecyReviewer: string | null;
  secrecyDecision: 'cleared' | 'returned' | null;
  secrecyNote: string | null;
  secrecyReviewedBy: Actor | null;
  secrecyReviewedAt: Date | null;
  publishedAt: Date | null;
  publishedBy: Actor | null;
  supersededAt: Date | null;
  withdrawnAt: Date | null;
  withdrawnReason: string | null;
  withdrawnBy: Actor | null;
  contentHash: string | null;
  previousHash: string | null;
  updatedAt: Date;
  /**
   * The stored JSON as read back, for verification: a hand edit that breaks the shape must still
   * be hashed as stored, not refused before it can be reported.
   */
  rawDocuments: unknown;
  rawAttachments: unknown;
}

/** A publication without its body: what item lists and the public catalogue show of the current version. */
export type PublicationHead = Omit<PublicationRecord, 'body'>;

function toRecord(row: PublicationRow): PublicationRecord {
  return { ...toHead(row), body: row.body };
}

function toHead(row: Omit<PublicationRow, 'body'>): PublicationHead {
  const documents = DocumentsSchema.safeParse(row.documents);
  const attachments = AttachmentsSchema.safeParse(row.attachments);
  return {
    id: row.id,
    itemId: row.itemId,
    version: row.version,
    state: row.state as PublicationState,
    source: row.source as PublicationSource,
    taskId: row.taskId,
    roundId: row.roundId,
    title: row.title,
    summary: row.summary,
    documents: documents.success ? documents.data : [],
    attachments: attachments.success ? attachments.data : [],
    channels: row.channels as Channel[],
    publisher: row.publisher,
    informationChangedAt: row.informationChangedAt,
    dueAt: row.dueAt,
    publishedOnTime: row.publishedOnTime,
    createdBy: ActorSchema.parse(row.createdBy),
    createdAt: row.createdAt,
    submittedAt: row.submittedAt,
    secrecyReviewer: row.secrecyReviewer,
    secrecyDecision: row.secrecyDecision as PublicationRecord['secrecyDecision'],
    secrecyNote: row.secrecyNote,
    secrecyReviewedBy: row.secrecyReviewedBy ? ActorSchema.parse(row.secrecyReviewedBy) : null,
    secrecyReviewedAt: row.secrecyReviewedAt,
    publishedAt: row.publishedAt,
    publishedBy: row.publishedBy ? ActorSchema.parse(row.publishedBy) : null,
    supersededAt: row.supersededAt,
    withdrawnAt: row.withdrawnAt,
    withdrawnReason: row.withdrawnReason,
    withdrawnBy: row.withdrawnBy === null ? null : ActorSchema.parse(row.withdrawnBy),
    contentHash: row.contentHash,
    previousHash: row.previousHash,
    updatedAt: row.updatedAt,
    rawDocuments: row.documents,
    rawAttachments: row.attachments,
  };
}

export function toPublication(record: PublicationRecord): Publication {
  return {
    id: record.id,
    itemId: record.itemId,
    version: record.version,
    state: record.state,
    source: record.source,
    taskId: record.taskId,
    roundId: record.roundId,
    title: record.title,
    summary: record.summary,
    body: record.body,
    documents: record.documents,
    attachments: record.attachments,
    channels: record.channels,
    publisher: record.publisher,
    informationChangedAt: iso(record.informationChangedAt),
    dueAt: iso(record.dueAt),
    publishedOnTime: record.publishedOnTime,
    secrecyReview:
      record.secrecyReviewer && record.secrecyDecision && record.secrecyReviewedBy && record.secrecyReviewedAt
        ? {
            reviewer: record.secrecyReviewer,
            decision: record.secrecyDecision,
            note: record.secrecyNote,
            reviewedBy: record.secrecyReviewedBy,
            reviewedAt: record.secrecyReviewedAt.toISOString(),
          }
        : null,
    createdBy: record.createdBy,
    createdAt: record.createdAt.toISOString(),
    submittedAt: iso(record.submittedAt),
    publishedAt: iso(record.publishedAt),
    publishedBy: record.publishedBy,
    supersededAt: iso(record.supersededAt),
    withdrawnAt: iso(record.withdrawnAt),
    withdrawnReason: record.withdrawnReason,
    contentHash: record.contentHash,
    previousHash: record.previousHash,
    updatedAt: record.updatedAt.toISOString(),
  };
}

/** What the hash of a published version covers, read from the stored row as it is now. */
export function hashedVersionOf(record: PublicationRecord): HashedVersion {
  return {
    itemId: record.itemId,
    version: record.version ?? 0,
    title: record.title,
    summary: record.summary,
    body: record.body,
    documents: record.rawDocuments,
    attachments: record.rawAttachments,
    channels: record.channels,
    publisher: record.publisher,
    source: record.source,
    taskId: record.taskId,
    roundId: record.roundId,
    informationChangedAt: iso(record.informationChangedAt),
    secrecyReviewer: record.secrecyReviewer,
    publishedAt: record.publishedAt?.toISOString() ?? '',
    previousHash: record.previousHash,
  };
}

export interface NewPublication {
  id: string;
  itemId: string;
  state: PublicationState;
  source: PublicationSource;
  taskId: string | null;
  roundId: string | null;
  title: string;
  summary: string;
  body: string;
  documents: DocumentLink[];
  attachments: Attachment[];
  channels: Channel[];
  publisher: string | null;
  informationChangedAt: Date | null;
  createdBy: Actor;
  createdAt: Date;
}

export interface PublicationUpdate {
  state?: PublicationState;
  version?: number;
  title?: string;
  summary?: string;
  body?: string;
  documents?: DocumentLink[];
  attachments?: Attachment[];
  channels?: Channel[];
  publisher?: string | null;
  informationChangedAt?: Date | null;
  dueAt?: Date | null;
  publishedOnTime?: boolean | null;
  submittedAt?: Date;
  submittedBy?: Actor;
  secrecyReviewer?: string;
  secrecyDecision?: 'cleared' | 'returned';
  secrecyNote?: string | null;
  secrecyReviewedBy?: Actor;
  secrecyReviewedAt?: Date;
  publishedAt?: Date;
  publishedBy?: Actor;
  supersededAt?: Date;
  withdrawnAt?: Date;
  withdrawnReason?: string;
  withdrawnBy?: Actor;
  contentHash?: string;
  previousHash?: string | null;
}

export interface PublicationSearch {
  q?: string;
  itemIds?: string[];
  categoryCode?: string;
  channel?: Channel;
  state?: PublicationState;
  scope?: CatalogueScope;
  /**
   * What the caller may see: every state of these items, `visibleStates` only of the others.
   * Omitted: everything.
   */
  visibility?: { visibleStates: readonly PublicationState[]; allStatesOfItemIds: readonly string[] };
  limit: number;
  cursor?: string;
}

/** The only place that touches the Publication and ItemConfirmation models. */
@Injectable()
export class PublicationsRepository {
  async findForItem(db: CatalogueTx, itemId: string, id: string): Promise<PublicationRecord | null> {
    const row = await db.publication.findFirst({ where: { id, itemId } });
    return row ? toRecord(row) : null;
  }

  async findByTaskId(db: CatalogueTx, taskId: string): Promise<PublicationRecord | null> {
    const row = await db.publication.findUnique({ where: { taskId } });
    return row ? toRecord(row) : null;
  }

  async insert(tx: CatalogueTx, publication: NewPublication): Promise<PublicationRecord> {
    const row = await tx.publication.create({
      data: {
        ...publication,
        documents: publication.documents as Prisma.InputJsonValue,
        attachments: publication.attachments as Prisma.InputJsonValue,
        createdBy: publication.createdBy,
        updatedAt: publication.createdAt,
      },
    });
    return toRecord(row);
  }

  async update(tx: CatalogueTx, id: string, update: PublicationUpdate): Promise<PublicationRecord> {
    const { documents, attachments, ...rest } = update;
    const row = await tx.publication.update({
      where: { id },
      data: {
        ...rest,
        ...(documents ? { documents: documents as Prisma.InputJsonValue } : {}),
        ...(attachments ? { attachments: attachments as Prisma.InputJsonValue } : {}),
        updatedAt: new Date(),
      },
    });
    return toRecord(row);
  }

  /** The item's version currently shown (state published), if any. */
  async current(db: CatalogueTx, itemId: string): Promise<PublicationRecord | null> {
    const row = await db.publication.findFirst({ where: { itemId, state: 'published' } });
    return row ? toRecord(row) : null;
  }

  /** The current version of each item, without its body (a body may be 200,000 characters; a list shows none). */
  async currentHeadsFor(
    db: CatalogueTx,
    itemIds: readonly string[] | null,
  ): Promise<Map<string, PublicationHead>> {
    const rows = await db.publication.findMany({
      where: { state: 'published', ...(itemIds ? { itemId: { in: [...itemIds] } } : {}) },
      omit: { body: true },
    });
    return new Map(rows.map((row) => [row.itemId, toHead(row)]));
  }

  /** The highest-numbered published version (whatever its state now): the chain's tip. */
  async chainTip(db: CatalogueTx, itemId: string): Promise<PublicationRecord | null> {
    const row = await db.publication.findFirst({
      where: { itemId, version: { not: null } },
      orderBy: { version: 'desc' },
    });
    return row ? toRecord(row) : null;
  }

  /** Every published version of the item, oldest first. */
  async chain(db: CatalogueTx, itemId: string): Promise<PublicationRecord[]> {
    const rows = await db.publication.findMany({
      where: { itemId, OR: [{ version: { not: null } }, { state: { in: PUBLISHED_STATES } }] },
      orderBy: [{ version: 'asc' }, { publishedAt: 'asc' }],
    });
    return rows.map(toRecord);
  }

  async byVersion(db: CatalogueTx, itemId: string, version: number): Promise<PublicationRecord | null> {
    const row = await db.publication.findUnique({ where: { itemId_version: { itemId, version } } });
    return row ? toRecord(row) : null;
  }

  /** Newest first (ids are UUIDv7). */
  async listForItem(
    db: CatalogueTx,
    query: {
      itemId: string;
      state?: PublicationState;
      /** Only these states (what the caller may see), whatever `state` asks. */
      visibleStates?: readonly PublicationState[];
      limit: number;
      cursor?: string;
    },
  ): Promise<Page<PublicationRecord>> {
    const rows = await db.publication.findMany({
      where: {
        itemId: query.itemId,
        ...(query.state || query.visibleStates
          ? {
              state: {
                ...(query.state ? { equals: query.state } : {}),
                ...(query.visibleStates ? { in: [...query.visibleStates] } : {}),
              },
            }
          : {}),
        ...(query.cursor ? { id: { lt: query.cursor } } : {}),
      },
      orderBy: { id: 'desc' },
      take: query.limit + 1,
    });
    return page(rows.map(toRecord), query.limit);
  }

  /** Keyword search over title, summary and body (ILIKE, see keywordFilter), newest first. */
  async search(db: CatalogueTx, query: PublicationSearch): Promise<Page<PublicationRecord>> {
    const visibility = query.visibility;
    const rows = await db.publication.findMany({
      where: {
        ...(visibility
          ? {
              AND: [
                {
                  OR: [
                    { state: { in: [...visibility.visibleStates] } },
                    { itemId: { in: [...visibility.allStatesOfItemIds] } },
                  ],
                },
              ],
            }
          : {}),
        ...(query.itemIds ? { itemId: { in: query.itemIds } } : {}),
        ...(query.state ? { state: query.state } : {}),
        ...(query.channel ? { channels: { has: query.channel } } : {}),
        ...(query.cursor ? { id: { lt: query.cursor } } : {}),
        ...(query.categoryCode || query.scope
          ? {
              item: {
                ...(query.categoryCode ? { categoryCode: query.categoryCode } : {}),
                ...(query.scope ? { scope: query.scope } : {}),
              },
            }
          : {}),
        ...(query.q
          ? {
              OR: [
                { title: keywordFilter(query.q) },
                { summary: keywordFilter(query.q) },
                { body: keywordFilter(query.q) },
              ],
            }
          : {}),
      },
      orderBy: { id: 'desc' },
      take: query.limit + 1,
    });
    return page(rows.map(toRecord), query.limit);
  }

  async lastConfirmedFor(db: CatalogueTx, itemIds: readonly string[] | null): Promise<Map<string, Date>> {
    const groups = await db.itemConfirmation.groupBy({
      by: ['itemId'],
      where: itemIds ? { itemId: { in: [...itemIds] } } : {},
      _max: { confirmedAt: true },
    });
    return new Map(
      groups.flatMap((group) => (group._max.confirmedAt ? [[group.itemId, group._max.confirmedAt]] : [])),
    );
  }

  async confirmationExists(db: CatalogueTx, taskId: string): Promise<boolean> {
    return (await db.itemConfirmation.count({ where: { taskId } })) > 0;
  }

  async insertConfirmation(
    tx: CatalogueTx,
    confirmation: {
      id: string;
      itemId: string;
      taskId: string;
      roundId: string;
      reason: string;
      confirmedAt: Date;
      confirmedBy: string;
    },
  ): Promise<void> {
    await tx.itemConfirmation.create({ data: confirmation });
  }
}

function page(records: PublicationRecord[], limit: number): Page<PublicationRecord> {
  const items = records.slice(0, limit);
  return { items, nextCursor: records.length > limit ? (items[items.length - 1]?.id ?? null) : null };
}
