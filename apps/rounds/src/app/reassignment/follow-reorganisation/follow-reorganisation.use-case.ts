import { Injectable } from '@nestjs/common';
import { startOfShanghaiDay, type CalendarDate } from '@gongkai/calendar';
import type { EventContext } from '@gongkai/messaging';
import { Clock } from '@gongkai/service-kit';
import type { RoundsTx } from '../../prisma.service';
import { DepartmentsRepository } from '../../projections/departments.repository';
import { TaskReassignment, type MoveContext } from '../task-reassignment';

interface Reorganisation {
  reorganisationId: string;
  effectiveDate: CalendarDate;
  reason: string;
}

interface Cause {
  events: EventContext;
  causeEventId: string;
}

/**
 * 机构改革 (DESIGN.md workflow 3): open tasks never stay with a department that no longer exists.
 * A merge moves them to the target, a dissolution to its successor; without a successor (a
 * dissolution without one, a split) a task goes with its liaison's moved binding, or is flagged
 * to the office. Each dissolved department's successor is kept, so a round opened later follows it.
 */
@Injectable()
export class FollowReorganisationUseCase {
  constructor(
    private readonly clock: Clock,
    private readonly departmentsRepository: DepartmentsRepository,
    private readonly taskReassignment: TaskReassignment,
  ) {}

  async merged(
    tx: RoundsTx,
    merge: Reorganisation & { sourceIds: string[]; targetId: string },
    cause: Cause,
  ): Promise<void> {
    const sources = merge.sourceIds.filter((id) => id !== merge.targetId);
    for (const departmentId of sources) {
      await this.departmentsRepository.recordSuccession(tx, {
        departmentId,
        successorId: merge.targetId,
        reorganisationId: merge.reorganisationId,
        kind: 'merged',
        effectiveDate: merge.effectiveDate,
      });
    }
    await this.taskReassignment.moveDepartments(
      tx,
      sources,
      merge.targetId,
      this.context(merge, cause, 'department_merged'),
    );
  }

  async dissolved(
    tx: RoundsTx,
    dissolution: Reorganisation & { departmentId: string; successorId: string | null },
    cause: Cause,
  ): Promise<void> {
    await this.departmentsRepository.recordSuccession(tx, {
      departmentId: dissolution.departmentId,
      successorId: dissolution.successorId,
      reorganisationId: dissolution.reorganisationId,
      kind: 'dissolved',
      effectiveDate: dissolution.effectiveDate,
    });
    const context = this.context(dissolution, cause, 'department_dissolved');
    if (dissolution.successorId) {
      await this.taskReassignment.moveDepartments(
        tx,
        [dissolution.departmentId],
        dissolution.successorId,
        context,
      );
      return;
    }
    await this.taskReassignment.flagDepartment(
      tx,
      dissolution.departmentId,
      `Department ${dissolution.departmentId} was dissolved without a successor (${dissolution.reason}): ` +
        'the disclosure office must revise the item’s responsibility (PUT /catalogue/items/{id}/responsibility), ' +
        'which moves the task, or work it itself.',
      context,
    );
  }

  async split(
    tx: RoundsTx,
    split: Reorganisation & {
      sourceId: string;
      movedBindings: { subjectId: string; role: string; fromDepartmentId: string; toDepartmentId: string }[];
    },
    cause: Cause,
  ): Promise<void> {
    await this.departmentsRepository.recordSuccession(tx, {
      departmentId: split.sourceId,
      successorId: null,
      reorganisationId: split.reorganisationId,
      kind: 'split',
      effectiveDate: split.effectiveDate,
    });
    const movedLiaisons = new Map(
      split.movedBindings
        .filter((binding) => binding.role === 'dept_liaison' && binding.fromDepartmentId === split.sourceId)
        .map((binding) => [binding.subjectId, binding.toDepartmentId]),
    );
    await this.taskReassignment.followSplit(
      tx,
      { sourceId: split.sourceId, movedLiaisons },
      `Department ${split.sourceId} was split (${split.reason}) and the task’s liaison did not move with it: ` +
        'the disclosure office must revise the item’s responsibility (PUT /catalogue/items/{id}/responsibility), ' +
        'which moves the task, or work it itself.',
      this.context(split, cause, 'department_dissolved'),
    );
  }

  private context(
    reorganisation: Reorganisation,
    cause: Cause,
    moveCause: MoveContext['cause'],
  ): MoveContext {
    const now = this.clock.now();
    const effective = startOfShanghaiDay(reorganisation.effectiveDate);
    return {
      cause: moveCause,
      at: effective > now ? now : effective,
      now,
      events: cause.events,
      causeEventId: cause.causeEventId,
    };
  }
}
