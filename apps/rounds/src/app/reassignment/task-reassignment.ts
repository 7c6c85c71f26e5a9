import { Injectable } from '@nestjs/common';
import { TaskFlaggedV1, TaskMovedV1, type TaskMoveCause } from '@gongkai/contracts';
import { emitEvent, type EventContext } from '@gongkai/messaging';
import { HistoryRepository } from '../history/history.repository';
import type { RoundsTx } from '../prisma.service';
import { PeopleRepository } from '../projections/people.repository';
import { taskState } from '../tasks/task-events';
import { TasksRepository, type TaskRecord } from '../tasks/tasks.repository';
import { lockLiaisonsOf } from './liaison-lock';
import { pickLiaison } from './liaison-pick';

/** Why and when work moves, and the event or command that made it. */
export interface MoveContext {
  cause: TaskMoveCause;
  /** Business time of the change (the transfer, the merge's effective day), recorded on the move. */
  at: Date;
  /** Now: who holds the liaison role is decided as of now, whatever the business time. */
  now: Date;
  events: EventContext;
  causeEventId: string | null;
}

interface Destination {
  departmentId: string;
  /** Null: nobody to work it (the task is flagged). */
  assigneeId: string | null;
  coDepartmentIds?: string[];
  /** Recorded on the move when the task keeps its department because there is none to go to. */
  noDepartment?: boolean;
  flagReason?: string;
}

export function noLiaisonReason(departmentId: string): string {
  return (
    `Nobody in department ${departmentId} holds dept_liaison (信息员): the disclosure office must ` +
    'appoint one or work the task itself (文件异常流程).'
  );
}

/**
 * Work follows people and departments (DESIGN.md workflows 2 and 3). Every move of an open task
 * (pending, submitted or reviewed, in an open round) is recorded on the task with its cause, in
 * its history, and as evt.rounds.task.moved; a task left with nobody to work it is flagged to the
 * disclosure office (evt.rounds.task.flagged). Liaisons are picked deterministically (pickLiaison),
 * so every replica and every re-run moves a task to the same person.
 */
@Injectable()
export class TaskReassignment {
  constructor(
    private readonly tasksRepository: TasksRepository,
    private readonly peopleRepository: PeopleRepository,
    private readonly historyRepository: HistoryRepository,
  ) {}

  /** The liaison who gets new work in a department at `at`, or null. */
  async liaisonFor(
    db: RoundsTx,
    departmentId: string,
    at: Date,
    excludePersonIds: readonly string[] = [],
  ): Promise<string | null> {
    await lockLiaisonsOf(db, departmentId, 'shared');
    const holders = await this.peopleRepository.holders(db, 'dept_liaison', [departmentId], at);
    return pickLiaison(holders, excludePersonIds);
  }

  /**
   * A person's open tasks in departments where they no longer hold dept_liaison (a transfer,
   * departure, leave, or a binding ending) go to another liaison of the same department, or are
   * flagged.
   */
  async releaseTasksOf(tx: RoundsTx, personId: string, context: MoveContext): Promise<number> {
    const tasks = await this.tasksRepository.lockOpen(tx, { assigneeId: personId });
    if (tasks.length === 0) return 0;
    const stillLiaisonIn = new Set(
      await this.peopleRepository.departmentsOf(tx, personId, 'dept_liaison', context.now),
    );
    let moved = 0;
    for (const task of tasks) {
      if (stillLiaisonIn.has(task.departmentId)) continue;
      const assigneeId = await this.liaisonFor(tx, task.departmentId, context.now, [personId]);
      await this.move(tx, task, { departmentId: task.departmentId, assigneeId }, context);
      moved += 1;
    }
    return moved;
  }

  /**
   * Open tasks of departments merged away (or dissolved into a successor) go to the target. A
   * liaison whose binding moved there with them keeps the task; otherwise a liaison of the target
   * gets it, or it is flagged.
   */
  async moveDepartments(
    tx: RoundsTx,
    fromDepartmentIds: readonly string[],
    toDepartmentId: string,
    context: MoveContext,
  ): Promise<number> {
    const sources = fromDepartmentIds.filter((id) => id !== toDepartmentId);
    if (sources.length === 0) return 0;
    const tasks = await this.tasksRepository.lockOpen(tx, { departmentIds: [...sources] });
    const targetLiaisons = new Set(
      (await this.peopleRepository.holders(tx, 'dept_liaison', [toDepartmentId], context.now)).map(
        (holder) => holder.personId,
      ),
    );
    for (const task of tasks) {
      const keeps = task.assigneeId !== null && targetLiaisons.has(task.assigneeId);
      const assigneeId = keeps ? task.assigneeId : await this.liaisonFor(tx, toDepartmentId, context.now);
      const coDepartmentIds = [
        ...new Set(task.coDepartmentIds.map((id) => (sources.includes(id) ? toDepartmentId : id))),
      ].filter((id) => id !== toDepartmentId);
      await this.move(tx, task, { departmentId: toDepartmentId, assigneeId, coDepartmentIds }, context);
    }
    return tasks.length;
  }

  /** A responsibility revision: the item's open tasks go to its new lead department. */
  async moveItem(
    tx: RoundsTx,
    item: { itemId: string; leadDepartmentId: string; coDepartmentIds: string[] },
    context: MoveContext,
  ): Promise<number> {
    const tasks = await this.tasksRepository.lockOpen(tx, { itemId: item.itemId });
    let moved = 0;
    for (const task of tasks) {
      if (task.departmentId === item.leadDepartmentId) {
        if (!sameSet(task.coDepartmentIds, item.coDepartmentIds)) {
          await this.tasksRepository.update(tx, task.id, {
            coDepartmentIds: item.coDepartmentIds,
            updatedAt: context.now,
          });
        }
        continue;
      }
      const assigneeId = await this.liaisonFor(tx, item.leadDepartmentId, context.now);
      await this.move(
        tx,
        task,
        { departmentId: item.leadDepartmentId, assigneeId, coDepartmentIds: item.coDepartmentIds },
        context,
      );
      moved += 1;
    }
    return moved;
  }

  /** A liaison was appointed: the department's flagged tasks without anyone get them. */
  async assignFlagged(tx: RoundsTx, departmentId: string, context: MoveContext): Promise<number> {
    await lockLiaisonsOf(tx, departmentId, 'exclusive');
    const tasks = await this.tasksRepository.lockOpen(tx, {
      departmentIds: [departmentId],
      unassignedFlagged: true,
    });
    if (tasks.length === 0) return 0;
    const assigneeId = await this.liaisonFor(tx, departmentId, context.now);
    if (!assigneeId) return 0;
    for (const task of tasks) await this.move(tx, task, { departmentId, assigneeId }, context);
    return tasks.length;
  }

  /**
   * A department dissolved with nowhere for its work to go (no successor): its open tasks are
   * flagged to the office, which revises the items' responsibility (the catalogue does not guess
   * either); the revision then moves them.
   */
  async flagDepartment(tx: RoundsTx, departmentId: string, reason: string, context: MoveContext) {
    const tasks = await this.tasksRepository.lockOpen(tx, { departmentIds: [departmentId] });
    for (const task of tasks) {
      await this.move(
        tx,
        task,
        { departmentId, assigneeId: null, noDepartment: true, flagReason: reason },
        context,
      );
    }
    return tasks.length;
  }

  /**
   * A split: a task goes with its liaison when their binding moved to one of the new departments;
   * otherwise there is no single successor, and it is flagged (as flagDepartment).
   */
  async followSplit(
    tx: RoundsTx,
    split: { sourceId: string; movedLiaisons: ReadonlyMap<string, string> },
    reason: string,
    context: MoveContext,
  ): Promise<number> {
    const tasks = await this.tasksRepository.lockOpen(tx, { departmentIds: [split.sourceId] });
    for (const task of tasks) {
      const target = task.assigneeId ? split.movedLiaisons.get(task.assigneeId) : undefined;
      await this.move(
        tx,
        task,
        target
          ? { departmentId: target, assigneeId: task.assigneeId }
          : { departmentId: split.sourceId, assigneeId: null, noDepartment: true, flagReason: reason },
        context,
      );
    }
    return tasks.length;
  }

  private async move(
    tx: RoundsTx,
    task: TaskRecord,
    to: Destination,
    context: MoveContext,
  ): Promise<TaskRecord> {
    const coDepartmentIds = to.coDepartmentIds ?? task.coDepartmentIds;
    const flagReason = to.assigneeId === null ? (to.flagReason ?? noLiaisonReason(to.departmentId)) : null;
    const unchanged =
      to.departmentId === task.departmentId &&
      to.assigneeId === task.assigneeId &&
      task.flagged === (flagReason !== null) &&
      (flagReason === null || task.flagReason === flagReason) &&
      sameSet(coDepartmentIds, task.coDepartmentIds);
    if (unchanged) return task;
    const newlyFlagged = flagReason !== null && !task.flagged;
    const updated = await this.tasksRepository.update(tx, task.id, {
      departmentId: to.departmentId,
      assigneeId: to.assigneeId,
      coDepartmentIds,
      flagged: flagReason !== null,
      flagReason,
      updatedAt: context.now,
    });
    const departmentOrAssigneeChanged =
      to.departmentId !== task.departmentId || to.assigneeId !== task.assigneeId || to.noDepartment;
    if (departmentOrAssigneeChanged) {
      await this.tasksRepository.insertMove(tx, {
        taskId: task.id,
        cause: context.cause,
        fromDepartmentId: task.departmentId,
        toDepartmentId: to.noDepartment ? null : to.departmentId,
        fromAssigneeId: task.assigneeId,
        toAssigneeId: to.assigneeId,
        movedAt: context.at,
        causeEventId: context.causeEventId,
      });
      await this.historyRepository.append(tx, {
        roundId: task.roundId,
        taskId: task.id,
        action: 'moved',
        actor: context.events.actor,
        occurredAt: context.at,
        comments: describeMove(task, to, context.cause),
      });
      await emitEvent(
        tx,
        TaskMovedV1,
        {
          ...taskState(updated),
          cause: context.cause,
          fromDepartmentId: task.departmentId,
          fromAssigneeId: task.assigneeId,
        },
        { ...context.events, occurredAt: context.at },
      );
    }
    if (newlyFlagged) {
      await this.historyRepository.append(tx, {
        roundId: task.roundId,
        taskId: task.id,
        action: 'flagged',
        actor: context.events.actor,
        occurredAt: context.at,
        comments: flagReason,
      });
      await emitEvent(
        tx,
        TaskFlaggedV1,
        { ...taskState(updated), reason: flagReason },
        { ...context.events, occurredAt: context.at },
      );
    }
    return updated;
  }
}

function describeMove(task: TaskRecord, to: Destination, cause: TaskMoveCause): string {
  const parts: string[] = [cause];
  if (to.noDepartment) parts.push(`department ${task.departmentId} has no successor`);
  else if (to.departmentId !== task.departmentId)
    parts.push(`department ${task.departmentId} → ${to.departmentId}`);
  if (to.assigneeId !== task.assigneeId)
    parts.push(`liaison ${task.assigneeId ?? 'none'} → ${to.assigneeId ?? 'none (flagged)'}`);
  return parts.join('; ');
}

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && [...a].sort().join() === [...b].sort().join();
}
