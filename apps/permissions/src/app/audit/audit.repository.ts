import { Injectable } from '@nestjs/common';
import type { AuditEntry, ListAuditLog, Page } from '@gongkai/contracts';
import { Prisma, type AuditEntry as AuditEntryRow } from '../../generated/prisma/client';
import { PrismaService, type PermissionsTx } from '../prisma.service';
import type { ChainedAuditEntry, HashedAuditFields } from './audit-chain';

/** Appends are serialised across transactions and replicas by this transaction-scoped lock. */
const AUDIT_CHAIN_LOCK = 4_242_001;

export function toChainedEntry(row: AuditEntryRow): ChainedAuditEntry {
  return {
    seq: Number(row.seq),
    id: row.id,
    occurredAt: row.occurredAt.toISOString(),
    recordedAt: row.recordedAt.toISOString(),
    actor: row.actor,
    action: row.action,
    subjectType: row.subjectType,
    subjectId: row.subjectId,
    reason: row.reason,
    before: row.before,
    after: row.after,
    details: row.details,
    prevHash: row.prevHash,
    hash: row.hash,
    hashVersion: row.hashVersion,
  };
}

function json(value: unknown): Prisma.InputJsonValue | typeof Prisma.DbNull {
  return value === null || value === undefined ? Prisma.DbNull : (value as Prisma.InputJsonValue);
}

/** The only place that touches the AuditEntry model. Never updates or deletes (a trigger refuses it anyway). */
@Injectable()
export class AuditRepository {
  constructor(private readonly prisma: PrismaService) {}

  async lockChain(tx: PermissionsTx): Promise<void> {
    await tx.$executeRawUnsafe(`SELECT pg_advisory_xact_lock(${AUDIT_CHAIN_LOCK})`);
  }

  /** The newest entry's seq and hash (call under lockChain when appending). */
  async last(tx: PermissionsTx): Promise<{ seq: number; hash: string } | null> {
    const last = await tx.auditEntry.findFirst({
      orderBy: { seq: 'desc' },
      select: { seq: true, hash: true },
    });
    return last ? { seq: Number(last.seq), hash: last.hash } : null;
  }

  /** The stored hash of the entry with this seq, or null when there is none. */
  async hashAt(seq: number): Promise<string | null> {
    const entry = await this.prisma.auditEntry.findUnique({
      where: { seq: BigInt(seq) },
      select: { hash: true },
    });
    return entry?.hash ?? null;
  }

  /** Writes an entry with the seq given: appends hand seq out under the chain's lock, one after another. */
  async insert(
    tx: PermissionsTx,
    fields: HashedAuditFields & { seq: number; hash: string; hashVersion: number },
  ): Promise<void> {
    await tx.auditEntry.create({
      data: {
        seq: BigInt(fields.seq),
        id: fields.id,
        occurredAt: new Date(fields.occurredAt),
        recordedAt: new Date(fields.recordedAt),
        actor: fields.actor as Prisma.InputJsonValue,
        action: fields.action,
        subjectType: fields.subjectType,
        subjectId: fields.subjectId,
        reason: fields.reason,
        before: json(fields.before),
        after: json(fields.after),
        details: json(fields.details),
        prevHash: fields.prevHash,
        hash: fields.hash,
        hashVersion: fields.hashVersion,
      },
    });
  }

  async list(query: ListAuditLog): Promise<Page<AuditEntry>> {
    const after = query.cursor
      ? await this.prisma.auditEntry.findUnique({ where: { id: query.cursor }, select: { seq: true } })
      : null;
    const rows = await this.prisma.auditEntry.findMany({
      where: {
        ...(after ? { seq: { gt: after.seq } } : {}),
        ...(query.subjectType ? { subjectType: query.subjectType } : {}),
        ...(query.subjectId ? { subjectId: query.subjectId } : {}),
        ...(query.action ? { action: query.action } : {}),
      },
      orderBy: { seq: 'asc' },
      take: query.limit + 1,
    });
    const items = rows.slice(0, query.limit).map((row) => toChainedEntry(row) as AuditEntry);
    return { items, nextCursor: rows.length > query.limit ? (items[items.length - 1]?.id ?? null) : null };
  }

  /** Entries after `afterSeq` in seq order, for verification. */
  async batchAfter(afterSeq: bigint, limit: number): Promise<AuditEntryRow[]> {
    return this.prisma.auditEntry.findMany({
      where: { seq: { gt: afterSeq } },
      orderBy: { seq: 'asc' },
      take: limit,
    });
  }
}
