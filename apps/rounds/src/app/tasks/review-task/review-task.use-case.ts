import { Injectable } from '@nestjs/common';
import { TaskReviewedV1, type RequestMeta, type Task } from '@gongkai/contracts';
import { emitEvent } from '@gongkai/messaging';
import { Clock, UnitOfWork, businessTimeOf } from '@gongkai/service-kit';
import { HistoryRepository } from '../../history/history.repository';
import type { RoundsTx } from '../../prisma.service';
import { todayInShanghai } from '../../shared/time';
import { TaskAccess } from '../task-access';
import { TaskCommand } from '../task-command';
import { taskState } from '../task-events';
import { assertNotBeforePrevious, assertStepAllowed } from '../task-rules';
import { TaskViews } from '../task-views';
import { TasksRepository } from '../tasks.repository';

export interface ReviewTaskCommand {
  taskId: string;
  secrecyReviewerName: string;
  secrecyDecision: 'cleared' | 'not_cleared';
  comments?: string;
  occurredAt?: string;
}

/**
 * The department review with the secrecy sign-off (保密审查): a reviewer of the task's department
 * names who cleared it. `cleared` passes it to the office; `not_cleared` sends it back to the
 * liaison (pending) with what must change. Not counted as a return: returns are the office's.
 */
@Injectable()
export class ReviewTaskUseCase {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly clock: Clock,
    private readonly taskCommand: TaskCommand,
    private readonly taskAccess: TaskAccess,
    private readonly tasksRepository: TasksRepository,
    private readonly historyRepository: HistoryRepository,
    private readonly taskViews: TaskViews,
  ) {}

  async execute(command: ReviewTaskCommand, meta: RequestMeta): Promise<Task> {
    const now = this.clock.now();
    const reviewedAt = businessTimeOf(command.occurredAt, now);
    const found = await this.taskCommand.find(command.taskId);
    await this.taskAccess.assertMay(meta, 'rounds.task.review', found, command.occurredAt);
    return this.unitOfWork.run(async (tx: RoundsTx) => {
      const { task } = await this.taskCommand.lock(tx, command.taskId, found.departmentId);
      assertStepAllowed(task, 'review');
      assertNotBeforePrevious(reviewedAt, task.submittedAt, 'the task was submitted');
      const cleared = command.secrecyDecision === 'cleared';
      const updated = await this.tasksRepository.update(tx, task.id, {
        status: cleared ? 'reviewed' : 'pending',
        review: {
          reviewerId: meta.actor.id,
          secrecyReviewerName: command.secrecyReviewerName,
          secrecyDecision: command.secrecyDecision,
          comments: command.comments ?? null,
          reviewedAt: reviewedAt.toISOString(),
        },
        ...(cleared ? {} : { lastReturnComments: command.comments ?? null }),
        updatedAt: now,
      });
      await this.historyRepository.append(tx, {
        roundId: task.roundId,
        taskId: task.id,
        action: cleared ? 'reviewed' : 'review not cleared',
        actor: meta.actor,
        occurredAt: reviewedAt,
        comments: [`保密审查: ${command.secrecyReviewerName}`, command.comments].filter(Boolean).join('; '),
      });
      await emitEvent(
        tx,
        TaskReviewedV1,
        {
          ...taskState(updated),
          secrecyReviewerName: command.secrecyReviewerName,
          secrecyDecision: command.secrecyDecision,
          reviewedAt: reviewedAt.toISOString(),
        },
        this.taskCommand.events(meta, reviewedAt),
      );
      return this.taskViews.view(tx, updated, todayInShanghai(now));
    });
  }
}
