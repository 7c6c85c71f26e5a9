import { Injectable } from '@nestjs/common';
import type { CalendarDate } from '@gongkai/calendar';
import type { HistoryEntry, Task } from '@gongkai/contracts';
import { HistoryRepository } from '../history/history.repository';
import type { RoundsTx } from '../prisma.service';
import { iso } from '../shared/time';
import { isOverdue } from './task-rules';
import { TasksRepository, type TaskMoveRecord, type TaskRecord } from './tasks.repository';

export function toTaskView(
  task: TaskRecord,
  moves: readonly TaskMoveRecord[],
  history: readonly HistoryEntry[],
  today: CalendarDate,
): Task {
  return {
    id: task.id,
    roundId: task.roundId,
    itemId: task.itemId,
    itemCode: task.itemCode,
    itemTitle: task.itemTitle,
    departmentId: task.departmentId,
    coDepartmentIds: task.coDepartmentIds,
    assigneeId: task.assigneeId,
    status: task.status,
    deadline: task.deadline,
    overdue: isOverdue(task, today),
    flagged: task.flagged,
    flagReason: task.flagReason,
    returnCount: task.returnCount,
    submission: task.submission,
    review: task.review,
    approvedBy: task.approvedBy,
    approvedAt: iso(task.approvedAt),
    lastReturnComments: task.lastReturnComments,
    publicationId: task.publicationId,
    publishedVersion: task.publishedVersion,
    publishedAt: iso(task.publishedAt),
    publishedOnTime: task.publishedOnTime,
    moves: moves.map((move) => ({
      cause: move.cause,
      fromDepartmentId: move.fromDepartmentId,
      toDepartmentId: move.toDepartmentId,
      fromAssigneeId: move.fromAssigneeId,
      toAssigneeId: move.toAssigneeId,
      movedAt: move.movedAt.toISOString(),
    })),
    history: [...history],
    createdAt: task.createdAt.toISOString(),
    updatedAt: task.updatedAt.toISOString(),
  };
}

/** Tasks as the API shows them: with their moves and history, overdue as of `today`. */
@Injectable()
export class TaskViews {
  constructor(
    private readonly tasksRepository: TasksRepository,
    private readonly historyRepository: HistoryRepository,
  ) {}

  async views(db: RoundsTx, tasks: readonly TaskRecord[], today: CalendarDate): Promise<Task[]> {
    if (tasks.length === 0) return [];
    const ids = tasks.map((task) => task.id);
    const [moves, history] = await Promise.all([
      this.tasksRepository.movesOf(db, ids),
      this.historyRepository.ofTasks(db, ids),
    ]);
    return tasks.map((task) => toTaskView(task, moves.get(task.id) ?? [], history.get(task.id) ?? [], today));
  }

  async view(db: RoundsTx, task: TaskRecord, today: CalendarDate): Promise<Task> {
    const [view] = await this.views(db, [task], today);
    return view as Task;
  }
}
