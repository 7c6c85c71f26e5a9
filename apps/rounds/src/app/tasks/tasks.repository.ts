import { Injectable } from '@nestjs/common';
import { v7 as uuidv7 } from 'uuid';
import {
  TaskReviewSchema,
  TaskSubmissionSchema,
  type TaskMoveCause,
  type TaskStatus,
} from '@gongkai/contracts';
import type { CalendarDate } from '@gongkai/calendar';
import type { z } from 'zod';
import { Prisma, type Task as TaskRow, type TaskMove as TaskMoveRow } from '../../generated/prisma/client';
import type { RoundsTx } from '../prisma.service';
import { fromCalendarDate, toCalendarDate } from '../shared/time';

export type TaskSubmission = z.infer<typeof TaskSubmissionSchema>;
export type TaskReview = z.infer<typeof TaskReviewSchema>;

/** A task as the service works with it. */
export interface TaskRecord {
  id: string;
  roundId: string;
  itemId: string;
  itemCode: string;
  itemTitle: string;
  departmentId: string;
  coDepartmentIds: string[];
  assigneeId: string | null;
  status: TaskStatus;
  deadline: CalendarDate;
  flagged: boolean;
  flagReason: string | null;
  returnCount: number;
  submission: TaskSubmission | null;
  submittedAt: Date | null;
  lateSubmission: boolean;
  review: TaskReview | null;
  approvedBy: string | null;
  approvedAt: Date | null;
  approvalComments: string | null;
  lastReturnComments: string | null;
  publicationId: string | null;
  publishedVersion: number | null;
  publishedAt: Date | null;
  publishedOnTime: boolean | null;
  createdAt: Date;
  updatedAt: Date;
}

export type NewTask = Pick<
  TaskRecord,
  | 'id'
  | 'roundId'
  | 'itemId'
  | 'itemCode'
  | 'itemTitle'
  | 'departmentId'
  | 'coDepartmentIds'
  | 'assigneeId'
  | 'deadline'
  | 'flagged'
  | 'flagReason'
  | 'createdAt'
>;

export type TaskChanges = Partial<
  Omit<TaskRecord, 'id' | 'roundId' | 'itemId' | 'deadline' | 'createdAt' | 'updatedAt'>
> & { updatedAt: Date };

export interface TaskMoveRecord {
  id: string;
  taskId: string;
  cause: TaskMoveCause;
  fromDepartmentId: string | null;
  toDepartmentId: string | null;
  fromAssigneeId: string | null;
  toAssigneeId: string | null;
  movedAt: Date;
}

function toRecord(row: TaskRow): TaskRecord {
  return {
    id: row.id,
    roundId: row.roundId,
    itemId: row.itemId,
    itemCode: row.itemCode,
    itemTitle: row.itemTitle,
    departmentId: row.departmentId,
    coDepartmentIds: row.coDepartmentIds,
    assigneeId: row.assigneeId,
    status: row.status as TaskStatus,
    deadline: toCalendarDate(row.deadline),
    flagged: row.flagged,
    flagReason: row.flagReason,
    returnCount: row.returnCount,
    submission: row.submission === null ? null : TaskSubmissionSchema.parse(row.submission),
    submittedAt: row.submittedAt,
    lateSubmission: row.lateSubmission,
    review: row.review === null ? null : TaskReviewSchema.parse(row.review),
    approvedBy: row.approvedBy,
    approvedAt: row.approvedAt,
    approvalComments: row.approvalComments,
    lastReturnComments: row.lastReturnComments,
    publicationId: row.publicationId,
    publishedVersion: row.publishedVersion,
    publishedAt: row.publishedAt,
    publishedOnTime: row.publishedOnTime,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

function toMoveRecord(row: TaskMoveRow): TaskMoveRecord {
  return { ...row, cause: row.cause as TaskMoveCause };
}

export interface TaskFilter {
  roundId?: string;
  departmentId?: string;
  /** Any of these departments (a reviewer's). */
  departmentIds?: string[];
  assigneeId?: string;
  status?: TaskStatus;
  overdue?: boolean;
  flagged?: boolean;
  /** Today in Shanghai, for `overdue`. */
  today: CalendarDate;
  /** Tasks with an id above this one. */
  after?: string;
  limit: number;
}

/** Counts of one department's tasks in a round. */
export interface DepartmentCounts {
  departmentId: string;
  pending: number;
  submitted: number;
  reviewed: number;
  approved: number;
  published: number;
  overdue: number;
  flagged: number;
}

/** The `where` of "overdue on `today`" (isOverdue in task-rules, as SQL). */
function overdueWhere(today: CalendarDate): Prisma.TaskWhereInput {
  return {
    OR: [
      { status: 'pending', deadline: { lt: fromCalendarDate(today) } },
      { status: { not: 'pending' }, lateSubmission: true },
    ],
  };
}

/** The only code that touches `task`, `task_move` and `task_notice`. */
@Injectable()
export class TasksRepository {
  async insertMany(tx: RoundsTx, tasks: readonly NewTask[]): Promise<void> {
    await tx.task.createMany({
      data: tasks.map((task) => ({
        ...task,
        deadline: fromCalendarDate(task.deadline),
        status: 'pending',
        updatedAt: task.createdAt,
      })),
    });
  }

  async findById(db: RoundsTx, id: string): Promise<TaskRecord | null> {
    const row = await db.task.findUnique({ where: { id } });
    return row ? toRecord(row) : null;
  }

  /** The task, locked for the rest of the transaction (commands and moves take turns). */
  async lock(tx: RoundsTx, id: string): Promise<TaskRecord | null> {
    const ids = await this.lockIds(tx, 'SELECT "id" FROM "task" WHERE "id" = $1::uuid', [id], 'FOR UPDATE');
    return ids.length === 0 ? null : this.findById(tx, id);
  }

  async update(tx: RoundsTx, id: string, changes: TaskChanges): Promise<TaskRecord> {
    const { submission, review, ...rest } = changes;
    const data: Prisma.TaskUpdateInput = {
      ...rest,
      ...(submission === undefined ? {} : { submission: submission === null ? Prisma.DbNull : submission }),
      ...(review === undefined ? {} : { review: review === null ? Prisma.DbNull : review }),
    };
    return toRecord(await tx.task.update({ where: { id }, data }));
  }

  async find(db: RoundsTx, filter: TaskFilter): Promise<TaskRecord[]> {
    const and: Prisma.TaskWhereInput[] = [];
    if (filter.roundId) and.push({ roundId: filter.roundId });
    if (filter.departmentId) and.push({ departmentId: filter.departmentId });
    if (filter.departmentIds) and.push({ departmentId: { in: filter.departmentIds } });
    if (filter.assigneeId) and.push({ assigneeId: filter.assigneeId });
    if (filter.status) and.push({ status: filter.status });
    if (filter.flagged !== undefined) and.push({ flagged: filter.flagged });
    if (filter.overdue !== undefined) {
      and.push(filter.overdue ? overdueWhere(filter.today) : { NOT: overdueWhere(filter.today) });
    }
    if (filter.after) and.push({ id: { gt: filter.after } });
    const rows = await db.task.findMany({ where: { AND: and }, orderBy: { id: 'asc' }, take: filter.limit });
    return rows.map(toRecord);
  }

  async ofRound(db: RoundsTx, roundId: string): Promise<TaskRecord[]> {
    const rows = await db.task.findMany({ where: { roundId }, orderBy: { id: 'asc' } });
    return rows.map(toRecord);
  }

  async countInStatuses(db: RoundsTx, roundId: string, statuses: readonly TaskStatus[]): Promise<number> {
    return db.task.count({ where: { roundId, status: { in: [...statuses] } } });
  }

  async countsByDepartment(db: RoundsTx, roundId: string, today: CalendarDate): Promise<DepartmentCounts[]> {
    const rows = await db.$queryRawUnsafe<
      {
        department_id: string;
        pending: number;
        submitted: number;
        reviewed: number;
        approved: number;
        published: number;
        overdue: number;
        flagged: number;
      }[]
    >(
      `SELECT "department_id",
         count(*) FILTER (WHERE "status" = 'pending')::int AS pending,
         count(*) FILTER (WHERE "status" = 'submitted')::int AS submitted,
         count(*) FILTER (WHERE "status" = 'reviewed')::int AS reviewed,
         count(*) FILTER (WHERE "status" = 'approved')::int AS approved,
         count(*) FILTER (WHERE "status" = 'published')::int AS published,
         count(*) FILTER (WHERE ("status" = 'pending' AND "deadline" < $2::date)
                             OR ("status" <> 'pending' AND "late_submission"))::int AS overdue,
         count(*) FILTER (WHERE "flagged")::int AS flagged
       FROM "task" WHERE "round_id" = $1::uuid
       GROUP BY "department_id" ORDER BY "department_id"`,
      roundId,
      today,
    );
    return rows.map((row) => ({
      departmentId: row.department_id,
      pending: row.pending,
      submitted: row.submitted,
      reviewed: row.reviewed,
      approved: row.approved,
      published: row.published,
      overdue: row.overdue,
      flagged: row.flagged,
    }));
  }

  /** Open tasks (of open rounds) matching a condition, locked in id order (no deadlock between movers). */
  async lockOpen(
    tx: RoundsTx,
    where: { assigneeId?: string; departmentIds?: string[]; itemId?: string; unassignedFlagged?: boolean },
  ): Promise<TaskRecord[]> {
    const conditions = [`t."status" IN ('pending', 'submitted', 'reviewed')`, `r."status" = 'open'`];
    const params: unknown[] = [];
    if (where.assigneeId) {
      params.push(where.assigneeId);
      conditions.push(`t."assignee_id" = $${params.length}::uuid`);
    }
    if (where.departmentIds) {
      params.push(where.departmentIds);
      conditions.push(`t."department_id" = ANY($${params.length}::uuid[])`);
    }
    if (where.itemId) {
      params.push(where.itemId);
      conditions.push(`t."item_id" = $${params.length}::uuid`);
    }
    if (where.unassignedFlagged) conditions.push(`t."assignee_id" IS NULL AND t."flagged"`);
    const ids = await this.lockIds(
      tx,
      `SELECT t."id" FROM "task" t JOIN "round" r ON r."id" = t."round_id"
       WHERE ${conditions.join(' AND ')} ORDER BY t."id"`,
      params,
      'FOR UPDATE OF t',
    );
    return this.byIds(tx, ids);
  }

  /**
   * Up to `limit` tasks of a round still waiting for their submission that have no notice of
   * `kind` on `day` yet, locked; rows another replica holds are skipped (SKIP LOCKED), so two
   * passes at once share the work instead of queueing on it.
   */
  async lockAwaitingNotice(
    tx: RoundsTx,
    query: { roundId: string; kind: string; day: CalendarDate; limit: number },
  ): Promise<TaskRecord[]> {
    const ids = await this.lockIds(
      tx,
      `SELECT t."id" FROM "task" t
       WHERE t."round_id" = $1::uuid AND t."status" = 'pending'
         AND NOT EXISTS (SELECT 1 FROM "task_notice" n
                         WHERE n."task_id" = t."id" AND n."kind" = $2 AND n."day" = $3::date)
       ORDER BY t."id" LIMIT $4`,
      [query.roundId, query.kind, query.day, query.limit],
      'FOR UPDATE OF t SKIP LOCKED',
    );
    return this.byIds(tx, ids);
  }

  /** Records a notice; false when it was recorded before (by another replica, or before a restart). */
  async insertNotice(
    tx: RoundsTx,
    notice: { taskId: string; kind: string; day: CalendarDate; eventId: string },
  ): Promise<boolean> {
    const inserted = await tx.$executeRawUnsafe(
      `INSERT INTO "task_notice" ("task_id", "kind", "day", "event_id") VALUES ($1::uuid, $2, $3::date, $4::uuid)
       ON CONFLICT DO NOTHING`,
      notice.taskId,
      notice.kind,
      notice.day,
      notice.eventId,
    );
    return inserted > 0;
  }

  /** The notice's event, written in the same transaction as the notice. */
  async setNoticeEvent(
    tx: RoundsTx,
    notice: { taskId: string; kind: string; day: CalendarDate; eventId: string },
  ): Promise<void> {
    await tx.taskNotice.update({
      where: {
        taskId_kind_day: { taskId: notice.taskId, kind: notice.kind, day: fromCalendarDate(notice.day) },
      },
      data: { eventId: notice.eventId },
    });
  }

  async insertMove(tx: RoundsTx, move: Omit<TaskMoveRecord, 'id'> & { causeEventId: string | null }) {
    await tx.taskMove.create({ data: { id: uuidv7(), ...move } });
  }

  async movesOf(db: RoundsTx, taskIds: readonly string[]): Promise<Map<string, TaskMoveRecord[]>> {
    const rows = await db.taskMove.findMany({
      where: { taskId: { in: [...taskIds] } },
      // In the order they were made (ids are time-ordered); movedAt is business time and may lie earlier.
      orderBy: { id: 'asc' },
    });
    const byTask = new Map<string, TaskMoveRecord[]>();
    for (const row of rows) {
      const list = byTask.get(row.taskId) ?? [];
      list.push(toMoveRecord(row));
      byTask.set(row.taskId, list);
    }
    return byTask;
  }

  private async byIds(db: RoundsTx, ids: readonly string[]): Promise<TaskRecord[]> {
    if (ids.length === 0) return [];
    const rows = await db.task.findMany({ where: { id: { in: [...ids] } }, orderBy: { id: 'asc' } });
    return rows.map(toRecord);
  }

  /** Runs a `SELECT … "id"` with its lock clause (`FOR UPDATE`, `FOR UPDATE OF t SKIP LOCKED` …). */
  private async lockIds(tx: RoundsTx, select: string, params: unknown[], lock: string): Promise<string[]> {
    const rows = await tx.$queryRawUnsafe<{ id: string }[]>(`${select} ${lock}`, ...params);
    return rows.map((row) => row.id);
  }
}
