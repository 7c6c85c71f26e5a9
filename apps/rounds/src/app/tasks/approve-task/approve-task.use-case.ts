import { Injectable } from '@nestjs/common';
import { RoundsTaskApprovedV1, type RequestMeta, type Task } from '@gongkai/contracts';
import { emitEvent } from '@gongkai/messaging';
import { Clock, UnitOfWork, businessTimeOf } from '@gongkai/service-kit';
import { HistoryRepository } from '../../history/history.repository';
import type { RoundsTx } from '../../prisma.service';
import { todayInShanghai } from '../../shared/time';
import { TaskCommand } from '../task-command';
import { assertNotBeforePrevious, assertStepAllowed } from '../task-rules';
import { TaskViews } from '../task-views';
import { TasksRepository } from '../tasks.repository';

/**
 * The disclosure office approves a reviewed task (the gateway decided rounds.task.approve,
 * school-wide): evt.rounds.task.approved carries the content and the named secrecy reviewer, and
 * the catalogue publishes it as the item's next version, or confirms "no change", exactly once.
 */
@Injectable()
export class ApproveTaskUseCase {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly clock: Clock,
    private readonly taskCommand: TaskCommand,
    private readonly tasksRepository: TasksRepository,
    private readonly historyRepository: HistoryRepository,
    private readonly taskViews: TaskViews,
  ) {}

  async execute(
    command: { taskId: string; comments?: string; occurredAt?: string },
    meta: RequestMeta,
  ): Promise<Task> {
    const now = this.clock.now();
    const approvedAt = businessTimeOf(command.occurredAt, now);
    return this.unitOfWork.run(async (tx: RoundsTx) => {
      const { task } = await this.taskCommand.lock(tx, command.taskId, null);
      assertStepAllowed(task, 'approve');
      const review = task.review;
      const submission = task.submission;
      if (!review || !submission)
        throw new Error(`Task ${task.id} is reviewed without a review or submission`);
      assertNotBeforePrevious(approvedAt, new Date(review.reviewedAt), 'the task was reviewed');
      const updated = await this.tasksRepository.update(tx, task.id, {
        status: 'approved',
        approvedBy: meta.actor.id,
        approvedAt,
        approvalComments: command.comments ?? null,
        updatedAt: now,
      });
      await this.historyRepository.append(tx, {
        roundId: task.roundId,
        taskId: task.id,
        action: 'approved',
        actor: meta.actor,
        occurredAt: approvedAt,
        comments: command.comments ?? null,
      });
      await emitEvent(
        tx,
        RoundsTaskApprovedV1,
        {
          taskId: task.id,
          roundId: task.roundId,
          itemId: task.itemId,
          departmentId: task.departmentId,
          content: submission.noChange ? null : submission.content,
          noChange: submission.noChange,
          noChangeReason: submission.noChange ? submission.noChangeReason : null,
          secrecyReviewer: review.secrecyReviewerName,
          approvedBy: meta.actor.id,
          approvedAt: approvedAt.toISOString(),
          informationChangedAt: submission.informationChangedAt,
        },
        this.taskCommand.events(meta, approvedAt),
      );
      return this.taskViews.view(tx, updated, todayInShanghai(now));
    });
  }
}
