import { Injectable } from '@nestjs/common';
import {
  DeadlineRuleSchema,
  RoundScopeSchema,
  RoundSummarySchema,
  type DeadlineRule,
  type RoundHalf,
  type RoundScope,
  type RoundStatus,
  type RoundSummary,
} from '@gongkai/contracts';
import type { CalendarDate } from '@gongkai/calendar';
import type { Prisma, Round as RoundRow } from '../../generated/prisma/client';
import type { RoundsTx } from '../prisma.service';
import { fromCalendarDate, toCalendarDate } from '../shared/time';

/** A round as the service works with it. */
export interface RoundRecord {
  id: string;
  name: string;
  academicYear: string;
  half: RoundHalf;
  noticeText: string;
  noticeDate: CalendarDate;
  scope: RoundScope;
  deadlineRule: DeadlineRule;
  deadline: CalendarDate;
  reminderWorkingDaysBefore: number[];
  status: RoundStatus;
  openedAt: Date | null;
  closedAt: Date | null;
  closedForced: boolean;
  closedForcedReason: string | null;
  taskCount: number;
  summary: RoundSummary | null;
  createdAt: Date;
  updatedAt: Date;
}

export type NewRound = Omit<
  RoundRecord,
  | 'status'
  | 'openedAt'
  | 'closedAt'
  | 'closedForced'
  | 'closedForcedReason'
  | 'taskCount'
  | 'summary'
  | 'updatedAt'
>;

function toRecord(row: RoundRow): RoundRecord {
  return {
    id: row.id,
    name: row.name,
    academicYear: row.academicYear,
    half: row.half as RoundHalf,
    noticeText: row.noticeText,
    noticeDate: toCalendarDate(row.noticeDate),
    scope: RoundScopeSchema.parse(row.scope),
    deadlineRule: DeadlineRuleSchema.parse(row.deadlineRule),
    deadline: toCalendarDate(row.deadline),
    reminderWorkingDaysBefore: row.reminderWorkingDaysBefore,
    status: row.status as RoundStatus,
    openedAt: row.openedAt,
    closedAt: row.closedAt,
    closedForced: row.closedForced,
    closedForcedReason: row.closedForcedReason,
    taskCount: row.taskCount,
    summary: row.summary === null ? null : RoundSummarySchema.parse(row.summary),
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

export interface RoundFilter {
  academicYear?: string;
  status?: RoundStatus;
  /** Newest first: rounds with an id below this one. */
  before?: string;
  limit: number;
}

/** The only code that touches the `round` table. */
@Injectable()
export class RoundsRepository {
  async insert(tx: RoundsTx, round: NewRound): Promise<RoundRecord> {
    const row = await tx.round.create({
      data: {
        id: round.id,
        name: round.name,
        academicYear: round.academicYear,
        half: round.half,
        noticeText: round.noticeText,
        noticeDate: fromCalendarDate(round.noticeDate),
        scope: round.scope,
        deadlineRule: round.deadlineRule,
        deadline: fromCalendarDate(round.deadline),
        reminderWorkingDaysBefore: round.reminderWorkingDaysBefore,
        status: 'draft',
        createdAt: round.createdAt,
        updatedAt: round.createdAt,
      },
    });
    return toRecord(row);
  }

  async findById(db: RoundsTx, id: string): Promise<RoundRecord | null> {
    const row = await db.round.findUnique({ where: { id } });
    return row ? toRecord(row) : null;
  }

  /** The round, locked for the rest of the transaction (opening and closing take turns). */
  async lock(tx: RoundsTx, id: string): Promise<RoundRecord | null> {
    const locked = await tx.$queryRawUnsafe<{ id: string }[]>(
      'SELECT "id" FROM "round" WHERE "id" = $1::uuid FOR UPDATE',
      id,
    );
    return locked.length === 0 ? null : this.findById(tx, id);
  }

  async findMany(db: RoundsTx, filter: RoundFilter): Promise<RoundRecord[]> {
    const where: Prisma.RoundWhereInput = {
      ...(filter.academicYear ? { academicYear: filter.academicYear } : {}),
      ...(filter.status ? { status: filter.status } : {}),
      ...(filter.before ? { id: { lt: filter.before } } : {}),
    };
    const rows = await db.round.findMany({ where, orderBy: { id: 'desc' }, take: filter.limit });
    return rows.map(toRecord);
  }

  async findOpen(db: RoundsTx): Promise<RoundRecord[]> {
    const rows = await db.round.findMany({ where: { status: 'open' }, orderBy: { id: 'asc' } });
    return rows.map(toRecord);
  }

  async markOpened(tx: RoundsTx, id: string, changes: { openedAt: Date; taskCount: number; at: Date }) {
    return toRecord(
      await tx.round.update({
        where: { id },
        data: {
          status: 'open',
          openedAt: changes.openedAt,
          taskCount: changes.taskCount,
          updatedAt: changes.at,
        },
      }),
    );
  }

  async markClosed(
    tx: RoundsTx,
    id: string,
    changes: { closedAt: Date; forcedReason: string | null; summary: RoundSummary; at: Date },
  ): Promise<RoundRecord> {
    return toRecord(
      await tx.round.update({
        where: { id },
        data: {
          status: 'closed',
          closedAt: changes.closedAt,
          closedForced: changes.forcedReason !== null,
          closedForcedReason: changes.forcedReason,
          summary: changes.summary,
          updatedAt: changes.at,
        },
      }),
    );
  }
}
