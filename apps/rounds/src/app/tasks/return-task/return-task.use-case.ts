import { Injectable } from '@nestjs/common';
import { TaskReturnedV1, type RequestMeta, type Task } from '@gongkai/contracts';
import { emitEvent } from '@gongkai/messaging';
import { Clock, UnitOfWork, businessTimeOf } from '@gongkai/service-kit';
import { HistoryRepository } from '../../history/history.repository';
import type { RoundsTx } from '../../prisma.service';
import { todayInShanghai } from '../../shared/time';
import { TaskCommand } from '../task-command';
import { taskState } from '../task-events';
import { assertNotBeforePrevious, assertStepAllowed } from '../task-rules';
import { TaskViews } from '../task-views';
import { TasksRepository } from '../tasks.repository';

/**
 * The disclosure office sends a submitted or reviewed task back to its liaison with comments
 * (school-wide rounds.task.approve, decided by the gateway). Counted: the round summary reports
 * the tasks returned at least once.
 */
@Injectable()
export class ReturnTaskUseCase {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly clock: Clock,
    private readonly taskCommand: TaskCommand,
    private readonly tasksRepository: TasksRepository,
    private readonly historyRepository: HistoryRepository,
    private readonly taskViews: TaskViews,
  ) {}

  async execute(
    command: { taskId: string; comments: string; occurredAt?: string },
    meta: RequestMeta,
  ): Promise<Task> {
    const now = this.clock.now();
    const returnedAt = businessTimeOf(command.occurredAt, now);
    return this.unitOfWork.run(async (tx: RoundsTx) => {
      const { task } = await this.taskCommand.lock(tx, command.taskId, null);
      assertStepAllowed(task, 'return');
      assertNotBeforePrevious(returnedAt, task.submittedAt, 'the task was submitted');
      const returnCount = task.returnCount + 1;
      const updated = await this.tasksRepository.update(tx, task.id, {
        status: 'pending',
        returnCount,
        lastReturnComments: command.comments,
        updatedAt: now,
      });
      await this.historyRepository.append(tx, {
        roundId: task.roundId,
        taskId: task.id,
        action: 'returned',
        actor: meta.actor,
        occurredAt: returnedAt,
        comments: command.comments,
      });
      await emitEvent(
        tx,
        TaskReturnedV1,
        {
          ...taskState(updated),
          comments: command.comments,
          returnCount,
          returnedAt: returnedAt.toISOString(),
        },
        this.taskCommand.events(meta, returnedAt),
      );
      return this.taskViews.view(tx, updated, todayInShanghai(now));
    });
  }
}
