import { Injectable } from '@nestjs/common';
import { v7 as uuidv7 } from 'uuid';
import {
  DomainError,
  RoundOpenedV1,
  RoundsErrorReasons,
  TaskCreatedV1,
  TaskFlaggedV1,
  type RequestMeta,
  type Round,
} from '@gongkai/contracts';
import { emitEvent, type EventContext } from '@gongkai/messaging';
import { Clock, UnitOfWork, businessTimeOf } from '@gongkai/service-kit';
import { HistoryRepository, type NewHistoryEntry } from '../../history/history.repository';
import type { RoundsTx } from '../../prisma.service';
import { CatalogueItemsRepository } from '../../projections/catalogue-items.repository';
import { DepartmentsRepository } from '../../projections/departments.repository';
import { noLiaisonReason, TaskReassignment } from '../../reassignment/task-reassignment';
import { RoundsErrors } from '../../shared/rounds.errors';
import { taskState } from '../../tasks/task-events';
import { TasksRepository, type NewTask } from '../../tasks/tasks.repository';
import { selectInScope } from '../round-rules';
import { RoundViews } from '../round-views';
import { RoundsRepository, type RoundRecord } from '../rounds.repository';

/**
 * Opens a draft round: one task per item in scope, for the item's lead department as rounds'
 * projection of the catalogue has it (so opening works while the catalogue is down), assigned to
 * the department's longest-standing liaison, or flagged when it has none. A department dissolved
 * since the responsibility was set is followed to its successor. Opening an open round again
 * changes nothing and answers the round as it is; the unique (round, item) key makes a second
 * task impossible even so.
 */
@Injectable()
export class OpenRoundUseCase {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly clock: Clock,
    private readonly roundsRepository: RoundsRepository,
    private readonly tasksRepository: TasksRepository,
    private readonly catalogueItemsRepository: CatalogueItemsRepository,
    private readonly departmentsRepository: DepartmentsRepository,
    private readonly historyRepository: HistoryRepository,
    private readonly taskReassignment: TaskReassignment,
    private readonly roundViews: RoundViews,
  ) {}

  async execute(command: { roundId: string; occurredAt?: string }, meta: RequestMeta): Promise<Round> {
    const now = this.clock.now();
    const openedAt = businessTimeOf(command.occurredAt, now);
    return this.unitOfWork.run(async (tx: RoundsTx) => {
      const round = await this.roundsRepository.lock(tx, command.roundId);
      if (!round) throw RoundsErrors.roundNotFound(command.roundId);
      if (round.status === 'open') return this.roundViews.view(tx, round);
      if (round.status !== 'draft') {
        throw DomainError.because(
          RoundsErrorReasons.ROUND_NOT_DRAFT,
          `Round ${round.id} is ${round.status}; only a draft round can be opened. Create a new round instead`,
          { roundId: round.id, status: round.status },
        );
      }
      const context: EventContext = {
        source: 'rounds',
        actor: meta.actor,
        correlationId: meta.correlationId,
        occurredAt: openedAt,
      };
      const tasks = await this.createTasks(tx, round, openedAt, now, meta);
      const opened = await this.roundsRepository.markOpened(tx, round.id, {
        openedAt,
        taskCount: tasks.length,
        at: now,
      });
      await this.historyRepository.append(tx, {
        roundId: round.id,
        action: 'opened',
        actor: meta.actor,
        occurredAt: openedAt,
        comments: `${tasks.length} tasks`,
      });
      for (const task of tasks) {
        const state = taskState({ ...task, status: 'pending' });
        await emitEvent(tx, TaskCreatedV1, state, context);
        if (task.flagReason !== null) {
          await emitEvent(tx, TaskFlaggedV1, { ...state, reason: task.flagReason }, context);
        }
      }
      await emitEvent(
        tx,
        RoundOpenedV1,
        {
          roundId: opened.id,
          name: opened.name,
          academicYear: opened.academicYear,
          half: opened.half,
          noticeDate: opened.noticeDate,
          deadline: opened.deadline,
          scope: opened.scope,
          taskCount: tasks.length,
          openedAt: openedAt.toISOString(),
        },
        context,
      );
      return this.roundViews.view(tx, opened);
    });
  }

  private async createTasks(
    tx: RoundsTx,
    round: RoundRecord,
    openedAt: Date,
    now: Date,
    meta: RequestMeta,
  ): Promise<NewTask[]> {
    const { selected, unusable } = selectInScope(
      await this.catalogueItemsRepository.findAll(tx),
      round.scope,
    );
    if (unusable.length > 0) {
      throw DomainError.because(
        RoundsErrorReasons.ROUND_SCOPE_UNKNOWN_ITEMS,
        `Round ${round.id} names items that are unknown, retired or without a responsible department: ` +
          `${unusable.join(', ')}. Check them with GET /catalogue/items (a new item reaches rounds within seconds), ` +
          'or create a round without them',
        { roundId: round.id, itemIds: unusable },
      );
    }
    if (selected.length === 0) {
      throw DomainError.because(
        RoundsErrorReasons.ROUND_SCOPE_EMPTY,
        `No active catalogue item with a responsible department matches the scope of round ${round.id}; ` +
          'set the items’ responsibilities (PUT /catalogue/items/{id}/responsibility) or widen the scope',
        { roundId: round.id, scope: round.scope },
      );
    }
    const tasks: NewTask[] = [];
    const history: NewHistoryEntry[] = [];
    for (const item of selected) {
      const departmentId =
        (await this.departmentsRepository.current(tx, item.leadDepartmentId as string)) ??
        (item.leadDepartmentId as string);
      const assigneeId = await this.taskReassignment.liaisonFor(tx, departmentId, now);
      const coDepartmentIds: string[] = [];
      for (const co of item.coDepartmentIds) {
        const current = await this.departmentsRepository.current(tx, co);
        if (current && current !== departmentId && !coDepartmentIds.includes(current))
          coDepartmentIds.push(current);
      }
      const task: NewTask = {
        id: uuidv7(),
        roundId: round.id,
        itemId: item.id,
        itemCode: item.code ?? item.id,
        itemTitle: item.title ?? '',
        departmentId,
        coDepartmentIds,
        assigneeId,
        deadline: round.deadline,
        flagged: assigneeId === null,
        flagReason: assigneeId === null ? noLiaisonReason(departmentId) : null,
        createdAt: now,
      };
      tasks.push(task);
      history.push({
        roundId: round.id,
        taskId: task.id,
        action: 'created',
        actor: meta.actor,
        occurredAt: openedAt,
      });
      if (task.flagged) {
        history.push({
          roundId: round.id,
          taskId: task.id,
          action: 'flagged',
          actor: meta.actor,
          occurredAt: openedAt,
          comments: task.flagReason,
        });
      }
    }
    await this.tasksRepository.insertMany(tx, tasks);
    await this.historyRepository.append(tx, history);
    return tasks;
  }
}
