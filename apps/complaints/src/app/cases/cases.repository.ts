import { Injectable } from '@nestjs/common';
import type { CaseKind, ListCasesQuery } from '@gongkai/contracts';
import type { CaseEntry, ComplaintCase, Prisma } from '../../generated/prisma/client';
import type { ComplaintsTx } from '../prisma.service';

export type CaseRow = ComplaintCase;

/** Columns a list leaves unread: the long texts and what only the whole case shows (issue 13: a page of 50 read them all). */
const LIST_OMITS = {
  content: true,
  verificationHash: true,
  attachments: true,
  correctionNotice: true,
  extension: true,
  decision: true,
  resultReason: true,
  finding: true,
} as const satisfies Prisma.ComplaintCaseOmit;
/** A case as a list reads it. */
export type CaseListRow = Omit<CaseRow, keyof typeof LIST_OMITS>;
export type CaseEntryRow = CaseEntry;
export type CaseChanges = Prisma.ComplaintCaseUncheckedUpdateInput;
export type NewCase = Prisma.ComplaintCaseUncheckedCreateInput;
export interface Requester {
  name: string;
  contact: string;
}
export interface NewEntry {
  id: string;
  caseId: string;
  kind: string;
  occurredAt: Date;
  actor: Prisma.InputJsonValue;
  visibility: 'internal' | 'public';
  text: string | null;
  details?: Prisma.InputJsonValue;
}

const OPEN_STATUSES_EXCLUDED = ['closed'];

/** The only place that touches the case tables (case, requester, entries). */
@Injectable()
export class CasesRepository {
  async findById(db: ComplaintsTx, id: string): Promise<CaseRow | null> {
    return db.complaintCase.findUnique({ where: { id } });
  }

  async findByTrackingNo(db: ComplaintsTx, trackingNo: string): Promise<CaseRow | null> {
    return db.complaintCase.findUnique({ where: { trackingNo } });
  }

  async findByExternalNos(
    db: ComplaintsTx,
    source: string,
    externalNos: string[],
  ): Promise<Map<string, CaseRow>> {
    if (externalNos.length === 0) return new Map();
    const rows = await db.complaintCase.findMany({ where: { source, externalNo: { in: externalNos } } });
    return new Map(rows.map((row) => [row.externalNo as string, row]));
  }

  /** Serialises the steps on one case across replicas. */
  async lock(tx: ComplaintsTx, id: string): Promise<CaseRow | null> {
    await tx.$queryRaw`SELECT 1 FROM "complaint_case" WHERE "id" = ${id}::uuid FOR UPDATE`;
    return this.findById(tx, id);
  }

  async insert(tx: ComplaintsTx, row: NewCase, requester: Requester): Promise<CaseRow> {
    const created = await tx.complaintCase.create({ data: row });
    await tx.caseRequester.create({
      data: { caseId: created.id, name: requester.name, contact: requester.contact },
    });
    return created;
  }

  async update(tx: ComplaintsTx, id: string, changes: CaseChanges, now: Date): Promise<CaseRow> {
    return tx.complaintCase.update({ where: { id }, data: { ...changes, updatedAt: now } });
  }

  async addEntry(tx: ComplaintsTx, entry: NewEntry): Promise<CaseEntryRow> {
    return tx.caseEntry.create({ data: { ...entry, details: entry.details ?? {} } });
  }

  async entries(db: ComplaintsTx, caseId: string): Promise<CaseEntryRow[]> {
    return db.caseEntry.findMany({
      where: { caseId },
      orderBy: [{ occurredAt: 'asc' }, { recordedAt: 'asc' }],
    });
  }

  /** Personal data: read only where it may be shown. */
  async requester(db: ComplaintsTx, caseId: string): Promise<Requester | null> {
    return db.caseRequester.findUnique({ where: { caseId }, select: { name: true, contact: true } });
  }

  async requesterNames(db: ComplaintsTx, caseIds: string[]): Promise<Map<string, string>> {
    const rows = await db.caseRequester.findMany({
      where: { caseId: { in: caseIds } },
      select: { caseId: true, name: true },
    });
    return new Map(rows.map((row) => [row.caseId, row.name]));
  }

  /** A page of cases, newest received first; the cursor is `<receivedAt ISO>|<id>`. */
  async list(db: ComplaintsTx, query: ListCasesQuery, now: Date): Promise<CaseListRow[]> {
    const where: Prisma.ComplaintCaseWhereInput = {
      ...(query.kind ? { kind: query.kind } : {}),
      ...(query.source ? { source: query.source } : {}),
      ...(query.status ? { status: query.status } : {}),
      ...(query.category ? { category: query.category } : {}),
      ...(query.externalNo ? { externalNo: query.externalNo } : {}),
      ...(query.departmentId
        ? { OR: [{ leadDepartmentId: query.departmentId }, { coDepartmentIds: { has: query.departmentId } }] }
        : {}),
    };
    const and: Prisma.ComplaintCaseWhereInput[] = [];
    const overdue: Prisma.ComplaintCaseWhereInput = {
      status: {
        notIn: [
          ...OPEN_STATUSES_EXCLUDED,
          'replied',
          'decided',
          'concluded',
          'awaiting_correction',
          'awaiting_third_party',
        ],
      },
      dueAt: { lt: now },
    };
    if (query.overdue === true) and.push(overdue);
    if (query.overdue === false) and.push({ NOT: overdue });
    if (query.queue === 'supervision') {
      and.push({ status: { not: 'closed' } });
      and.push({ OR: [overdue, { supervised: true }, { satisfaction: 'unsatisfied' }, { escalated: true }] });
    }
    if (query.queue === 'flagged') and.push({ flagged: true, status: { not: 'closed' } });
    if (query.cursor) {
      const [at, id] = query.cursor.split('|');
      const cursorAt = new Date(at ?? '');
      if (!Number.isNaN(cursorAt.getTime()) && id) {
        and.push({ OR: [{ receivedAt: { lt: cursorAt } }, { receivedAt: cursorAt, id: { lt: id } }] });
      }
    }
    return db.complaintCase.findMany({
      where: { ...where, AND: and },
      orderBy: [{ receivedAt: 'desc' }, { id: 'desc' }],
      take: query.limit + 1,
      omit: LIST_OMITS,
    });
  }

  /** Every case of a kind received up to `to` (metrics and tables read whole periods). */
  async receivedUpTo(db: ComplaintsTx, kind: CaseKind, to: Date): Promise<CaseRow[]> {
    return db.complaintCase.findMany({ where: { kind, receivedAt: { lte: to } } });
  }

  async receivedBetween(db: ComplaintsTx, from: Date, to: Date): Promise<CaseRow[]> {
    return db.complaintCase.findMany({ where: { receivedAt: { gte: from, lte: to } } });
  }
}
