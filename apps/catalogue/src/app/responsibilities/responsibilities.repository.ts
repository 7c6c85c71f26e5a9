import { Injectable } from '@nestjs/common';
import {
  ActorSchema,
  type Actor,
  type ResponsibilityRevision,
  type RevisionTrigger,
} from '@gongkai/contracts';
import type { CalendarDate } from '@gongkai/calendar';
import type { ResponsibilityRevision as RevisionRow } from '../../generated/prisma/client';
import type { CatalogueTx } from '../prisma.service';
import { fromCalendarDate, toCalendarDate } from '../shared/time';

export function toRevision(row: RevisionRow): ResponsibilityRevision {
  return {
    id: row.id,
    itemId: row.itemId,
    revisionNo: row.revisionNo,
    leadDepartmentId: row.leadDepartmentId,
    coDepartmentIds: row.coDepartmentIds,
    reason: row.reason,
    effectiveDate: toCalendarDate(row.effectiveDate),
    trigger: row.trigger as RevisionTrigger,
    reorganisationRef: row.reorganisationRef,
    recordedAt: row.recordedAt.toISOString(),
    recordedBy: ActorSchema.parse(row.recordedBy),
  };
}

export interface NewRevision {
  id: string;
  itemId: string;
  revisionNo: number;
  leadDepartmentId: string;
  coDepartmentIds: string[];
  reason: string;
  effectiveDate: CalendarDate;
  trigger: RevisionTrigger;
  reorganisationRef: string | null;
  recordedBy: Actor;
}

/** Latest first: the later effective date wins, then the later revision on the same date. */
const LATEST_FIRST = [{ effectiveDate: 'desc' as const }, { revisionNo: 'desc' as const }];

/** The only place that touches the ResponsibilityRevision model (append-only). */
@Injectable()
export class ResponsibilitiesRepository {
  async history(db: CatalogueTx, itemId: string): Promise<ResponsibilityRevision[]> {
    const rows = await db.responsibilityRevision.findMany({
      where: { itemId },
      orderBy: { revisionNo: 'asc' },
    });
    return rows.map(toRevision);
  }

  async latest(db: CatalogueTx, itemId: string): Promise<ResponsibilityRevision | null> {
    const row = await db.responsibilityRevision.findFirst({ where: { itemId }, orderBy: LATEST_FIRST });
    return row ? toRevision(row) : null;
  }

  async lastRevisionNo(db: CatalogueTx, itemId: string): Promise<number> {
    const row = await db.responsibilityRevision.findFirst({
      where: { itemId },
      orderBy: { revisionNo: 'desc' },
      select: { revisionNo: true },
    });
    return row?.revisionNo ?? 0;
  }

  /** Who was responsible for each item on `date` (items without a revision yet are absent). */
  async asOf(
    db: CatalogueTx,
    itemIds: readonly string[] | null,
    date: CalendarDate,
  ): Promise<Map<string, ResponsibilityRevision>> {
    const rows = await db.responsibilityRevision.findMany({
      where: {
        ...(itemIds ? { itemId: { in: [...itemIds] } } : {}),
        effectiveDate: { lte: fromCalendarDate(date) },
      },
      orderBy: LATEST_FIRST,
    });
    const current = new Map<string, ResponsibilityRevision>();
    for (const row of rows) if (!current.has(row.itemId)) current.set(row.itemId, toRevision(row));
    return current;
  }

  /**
   * The items `departmentId` is responsible for on `date`, as lead or co-operating department: the
   * revision in force per item picked in the database (one row per item, not every revision read).
   */
  async itemIdsResponsibleFor(db: CatalogueTx, departmentId: string, date: CalendarDate): Promise<string[]> {
    const rows = await db.$queryRaw<{ item_id: string }[]>`
      SELECT item_id FROM (
        SELECT DISTINCT ON (item_id) item_id, lead_department_id, co_department_ids
        FROM responsibility_revision
        WHERE effective_date <= ${fromCalendarDate(date)}::date
        ORDER BY item_id, effective_date DESC, revision_no DESC
      ) in_force
      WHERE lead_department_id = ${departmentId}::uuid OR ${departmentId}::uuid = ANY (co_department_ids)`;
    return rows.map((row) => row.item_id);
  }

  /** The item's lead department on `date`, or null when nobody was responsible for it yet. */
  async leadDepartmentOn(db: CatalogueTx, itemId: string, date: CalendarDate): Promise<string | null> {
    const row = await db.responsibilityRevision.findFirst({
      where: { itemId, effectiveDate: { lte: fromCalendarDate(date) } },
      orderBy: LATEST_FIRST,
      select: { leadDepartmentId: true },
    });
    return row?.leadDepartmentId ?? null;
  }

  /** Each item's latest revision whatever its date, for items naming any of `departmentIds`. */
  async latestNaming(db: CatalogueTx, departmentIds: readonly string[]): Promise<ResponsibilityRevision[]> {
    const rows = await db.responsibilityRevision.findMany({ orderBy: LATEST_FIRST });
    const latest = new Map<string, RevisionRow>();
    for (const row of rows) if (!latest.has(row.itemId)) latest.set(row.itemId, row);
    return [...latest.values()]
      .filter(
        (row) =>
          departmentIds.includes(row.leadDepartmentId) ||
          row.coDepartmentIds.some((id) => departmentIds.includes(id)),
      )
      .map(toRevision);
  }

  async insert(tx: CatalogueTx, revision: NewRevision): Promise<ResponsibilityRevision> {
    const row = await tx.responsibilityRevision.create({
      data: {
        ...revision,
        effectiveDate: fromCalendarDate(revision.effectiveDate),
        recordedBy: revision.recordedBy,
      },
    });
    return toRevision(row);
  }

  async inPeriod(db: CatalogueTx, from: CalendarDate, to: CalendarDate) {
    const rows = await db.responsibilityRevision.findMany({
      where: { effectiveDate: { gte: fromCalendarDate(from), lte: fromCalendarDate(to) } },
      select: { itemId: true, revisionNo: true, trigger: true },
    });
    return rows.map((row) => ({ ...row, trigger: row.trigger as RevisionTrigger }));
  }
}
