import { Injectable } from '@nestjs/common';
import type { Prisma } from '../../generated/prisma/client';
import { foldedCase, groupByCase } from '../annual/case-fold';
import type { ReportsTx } from '../prisma.service';

export interface CaseEventRow {
  caseId: string;
  aggregateVersion: number;
  eventId: string;
  type: string;
  occurredAt: Date;
  trackingNo: string;
  kind: string;
  source: string;
  category: string;
  status: string;
  receivedAt: Date;
  dueAt: Date | null;
  leadDepartmentId: string | null;
  requesterType: string | null;
  details: Record<string, unknown>;
}

export interface ItemRow {
  itemId: string;
  code: string;
  title: string;
  categoryCode: string;
  channels: string[];
  status: string;
}

export interface RoundRow {
  roundId: string;
  name: string;
  academicYear: string;
  half: string;
  noticeDate: string;
  deadline: string;
  status: string;
  taskCount?: number;
  openedAt?: Date;
  closedAt?: Date;
  summary?: Record<string, unknown>;
}

export interface TaskRow {
  taskId: string;
  roundId: string;
  itemId: string;
  departmentId: string;
  status: string;
  deadline: string;
  overdue?: boolean;
}

/** The tables a rebuild drops (the service's own `report_text` is kept). */
export const PROJECTION_TABLES = [
  'report_case_event',
  'report_item',
  'report_category',
  'report_publication',
  'report_revision',
  'report_round',
  'report_task',
  'report_hotspot',
  'report_case',
  // Kept by libs/department-projection from permissions' events (the dashboard's names).
  'department_projection',
] as const;

/**
 * The only code writing the projections. Consumers apply one aggregate's events in version order;
 * each write still keeps the newest version, so a replayed or late copy changes nothing.
 */
@Injectable()
export class ProjectionsRepository {
  async addCaseEvent(tx: ReportsTx, row: CaseEventRow): Promise<void> {
    await tx.reportCaseEvent.createMany({
      data: [{ ...row, details: row.details as Prisma.InputJsonValue }],
      skipDuplicates: true,
    });
    await this.refoldCase(tx, row.caseId);
  }

  /**
   * Folds one case's stored events into its `report_case` row: its state at the end of the year it
   * was received in (what the annual report counts) and now (what the dashboard shows).
   */
  async refoldCase(tx: ReportsTx, caseId: string): Promise<void> {
    await this.refoldCases(tx, [caseId]);
  }

  /** `refoldCase` for many cases with one read; also outside a transaction (the start-up backfill). */
  async refoldCases(
    client: Pick<ReportsTx, 'reportCaseEvent' | '$executeRaw'>,
    caseIds: string[],
  ): Promise<void> {
    const events = await client.reportCaseEvent.findMany({
      where: { caseId: { in: caseIds } },
      orderBy: [{ caseId: 'asc' }, { aggregateVersion: 'asc' }],
    });
    const rows = [...groupByCase(events).values()]
      .map((caseEvents) =>
        foldedCase(
          caseEvents.map((event) => ({
            ...event,
            details: (event.details ?? {}) as Record<string, unknown>,
          })),
        ),
      )
      .filter((row) => row !== null);
    if (rows.length === 0) return;
    // One statement for the batch; only a fold of as many or more events replaces a row (a backfill racing the consumer).
    await client.$executeRaw`
      INSERT INTO report_case (case_id, academic_year, kind, received_at, version, year_end_state, current_status, current_state)
      SELECT r."caseId", r."academicYear", r.kind, r."receivedAt", r.version, r."yearEndState", r."currentStatus", r."currentState"
      FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) AS r("caseId" uuid, "academicYear" text, kind text,
        "receivedAt" timestamptz, version int, "yearEndState" jsonb, "currentStatus" text, "currentState" jsonb)
      ON CONFLICT (case_id) DO UPDATE SET academic_year = EXCLUDED.academic_year, kind = EXCLUDED.kind,
        received_at = EXCLUDED.received_at, version = EXCLUDED.version, year_end_state = EXCLUDED.year_end_state,
        current_status = EXCLUDED.current_status, current_state = EXCLUDED.current_state
      WHERE report_case.version <= EXCLUDED.version`;
  }

  /** Case ids after `after` (in id order) with events but no `report_case` row (projected before the table existed). */
  async unfoldedCaseIds(
    client: Pick<ReportsTx, '$queryRaw'>,
    after: string | null,
    limit: number,
  ): Promise<string[]> {
    const rows = await client.$queryRaw<{ case_id: string }[]>`
      SELECT DISTINCT e.case_id FROM report_case_event e
      WHERE e.case_id > ${after ?? '00000000-0000-0000-0000-000000000000'}::uuid
        AND NOT EXISTS (SELECT 1 FROM report_case c WHERE c.case_id = e.case_id)
      ORDER BY e.case_id LIMIT ${limit}`;
    return rows.map((row) => row.case_id);
  }

  async upsertItem(tx: ReportsTx, row: ItemRow, version: number): Promise<void> {
    const existing = await tx.reportItem.findUnique({ where: { itemId: row.itemId } });
    if (!existing) await tx.reportItem.create({ data: { ...row, aggregateVersion: version } });
    else if (existing.aggregateVersion < version)
      await tx.reportItem.update({
        where: { itemId: row.itemId },
        data: { ...row, aggregateVersion: version },
      });
  }

  async upsertCategory(tx: ReportsTx, row: { code: string; name: string; sortOrder: number }): Promise<void> {
    await tx.reportCategory.upsert({ where: { code: row.code }, create: row, update: row });
  }

  async addPublication(
    tx: ReportsTx,
    row: {
      publicationId: string;
      itemId: string;
      itemCode: string;
      version: number;
      title: string;
      source: string;
      roundId: string | null;
      channels: string[];
      publishedAt: Date;
    },
  ): Promise<void> {
    await tx.reportPublication.createMany({ data: [row], skipDuplicates: true });
  }

  async addRevision(
    tx: ReportsTx,
    row: {
      revisionId: string;
      itemId: string;
      itemCode: string;
      revisionNo: number;
      trigger: string;
      effectiveDate: string;
      reason: string;
      leadDepartmentId: string;
      previousLeadDepartmentId: string | null;
    },
  ): Promise<void> {
    await tx.reportRevision.createMany({ data: [row], skipDuplicates: true });
  }

  async upsertRound(tx: ReportsTx, row: RoundRow, version: number): Promise<void> {
    const data = {
      ...row,
      aggregateVersion: version,
      summary: row.summary as Prisma.InputJsonValue | undefined,
    };
    const existing = await tx.reportRound.findUnique({ where: { roundId: row.roundId } });
    if (!existing) await tx.reportRound.create({ data });
    else if (existing.aggregateVersion < version)
      await tx.reportRound.update({ where: { roundId: row.roundId }, data });
  }

  async upsertTask(tx: ReportsTx, row: TaskRow, version: number): Promise<void> {
    const existing = await tx.reportTask.findUnique({ where: { taskId: row.taskId } });
    if (!existing) {
      await tx.reportTask.create({
        data: { ...row, overdue: row.overdue ?? false, aggregateVersion: version },
      });
    } else if (existing.aggregateVersion < version) {
      await tx.reportTask.update({
        where: { taskId: row.taskId },
        // An overdue task stays overdue (the round's record of it) once escalated.
        data: { ...row, overdue: row.overdue ?? existing.overdue, aggregateVersion: version },
      });
    }
  }

  async addHotspot(
    tx: ReportsTx,
    row: { reportId: string; fromDate: string; toDate: string; categories: unknown; keywords: unknown },
  ): Promise<void> {
    await tx.reportHotspot.createMany({
      data: [
        {
          ...row,
          categories: row.categories as Prisma.InputJsonValue,
          keywords: row.keywords as Prisma.InputJsonValue,
        },
      ],
      skipDuplicates: true,
    });
  }

  /** Empties every projection (the rebuild), in the caller's transaction. */
  async truncateAll(tx: ReportsTx): Promise<void> {
    await tx.$executeRawUnsafe(`TRUNCATE ${PROJECTION_TABLES.map((table) => `"${table}"`).join(', ')}`);
  }
}
