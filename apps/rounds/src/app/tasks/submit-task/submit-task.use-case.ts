import { Injectable } from '@nestjs/common';
import { startOfShanghaiDay } from '@gongkai/calendar';
import { TaskSubmittedV1, type RequestMeta, type SubmitTask, type Task } from '@gongkai/contracts';
import { emitEvent } from '@gongkai/messaging';
import { Clock, UnitOfWork, businessTimeOf } from '@gongkai/service-kit';
import { HistoryRepository } from '../../history/history.repository';
import type { RoundsTx } from '../../prisma.service';
import { CatalogueItemsRepository } from '../../projections/catalogue-items.repository';
import { todayInShanghai } from '../../shared/time';
import { TaskAccess } from '../task-access';
import { TaskCommand } from '../task-command';
import { taskState } from '../task-events';
import { assertNotBeforePrevious, assertStepAllowed, isLate } from '../task-rules';
import { TaskViews } from '../task-views';
import { TasksRepository } from '../tasks.repository';

/** History actions that send a task back to its liaison. */
const RETURN_ACTIONS = ['returned', 'review not cleared'];

/**
 * A liaison of the task's department (or the disclosure office) submits new content, or "no
 * change" with a reason. The submission records the item's published version it was written
 * against (from rounds' projection: no call to the catalogue) and whether it came after the
 * deadline, by its business time on the Asia/Shanghai calendar.
 */
@Injectable()
export class SubmitTaskUseCase {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly clock: Clock,
    private readonly taskCommand: TaskCommand,
    private readonly taskAccess: TaskAccess,
    private readonly tasksRepository: TasksRepository,
    private readonly catalogueItemsRepository: CatalogueItemsRepository,
    private readonly historyRepository: HistoryRepository,
    private readonly taskViews: TaskViews,
  ) {}

  async execute(command: SubmitTask, meta: RequestMeta): Promise<Task> {
    const now = this.clock.now();
    const submittedAt = businessTimeOf(command.occurredAt, now);
    const informationChangedAt = command.informationChangedAt
      ? businessTimeOf(command.informationChangedAt, now, { field: 'informationChangedAt' })
      : null;
    const found = await this.taskCommand.find(command.taskId);
    await this.taskAccess.assertMay(meta, 'rounds.task.submit', found, command.occurredAt);
    return this.unitOfWork.run(async (tx: RoundsTx) => {
      const { task, round } = await this.taskCommand.lock(tx, command.taskId, found.departmentId);
      assertStepAllowed(task, 'submit');
      assertNotBeforePrevious(submittedAt, startOfShanghaiDay(round.noticeDate), `the round's notice day`);
      assertNotBeforePrevious(
        submittedAt,
        await this.historyRepository.lastOccurredAt(tx, task.id, RETURN_ACTIONS),
        'the task was last sent back',
      );
      const item = await this.catalogueItemsRepository.findById(tx, task.itemId);
      const lateSubmission = isLate(submittedAt, task.deadline);
      const updated = await this.tasksRepository.update(tx, task.id, {
        status: 'submitted',
        submission: {
          noChange: command.noChange,
          noChangeReason: command.noChangeReason ?? null,
          content: command.content ?? null,
          informationChangedAt: informationChangedAt?.toISOString() ?? null,
          submittedBy: meta.actor.id,
          submittedAt: submittedAt.toISOString(),
          basePublicationId: item?.currentPublicationId ?? null,
          baseVersion: item?.currentPublicationId ? (item.currentVersion ?? null) : null,
        },
        submittedAt,
        lateSubmission,
        review: null,
        updatedAt: now,
      });
      await this.historyRepository.append(tx, {
        roundId: task.roundId,
        taskId: task.id,
        action: 'submitted',
        actor: meta.actor,
        occurredAt: submittedAt,
        comments: command.noChange ? `no change: ${command.noChangeReason ?? ''}` : null,
      });
      await emitEvent(
        tx,
        TaskSubmittedV1,
        {
          ...taskState(updated),
          noChange: command.noChange,
          submittedAt: submittedAt.toISOString(),
          lateSubmission,
        },
        this.taskCommand.events(meta, submittedAt),
      );
      return this.taskViews.view(tx, updated, todayInShanghai(now));
    });
  }
}
