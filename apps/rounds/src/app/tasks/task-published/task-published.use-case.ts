import { Injectable, Logger } from '@nestjs/common';
import { TaskPublishedV1 } from '@gongkai/contracts';
import { emitEvent, type EventContext } from '@gongkai/messaging';
import { HistoryRepository } from '../../history/history.repository';
import type { RoundsTx } from '../../prisma.service';
import { taskState } from '../task-events';
import { TasksRepository } from '../tasks.repository';

export interface Publication {
  taskId: string;
  /** Null when the catalogue confirmed "no change". */
  publicationId: string | null;
  version: number | null;
  publishedAt: Date;
}

/**
 * The catalogue published an approved task (evt.catalogue.publication.published with its taskId)
 * or confirmed its "no change" (evt.catalogue.item.confirmed): the task is done. Published on
 * time when the submission the office approved was made by the deadline. Applied once: a task
 * already published is left as it is, whatever arrives again.
 */
@Injectable()
export class TaskPublishedUseCase {
  private readonly logger = new Logger(TaskPublishedUseCase.name);

  constructor(
    private readonly tasksRepository: TasksRepository,
    private readonly historyRepository: HistoryRepository,
  ) {}

  async execute(tx: RoundsTx, publication: Publication, context: EventContext): Promise<void> {
    const task = await this.tasksRepository.lock(tx, publication.taskId);
    // Another system's task id, or a task of a round restored from elsewhere: nothing to finish here.
    if (!task) return;
    if (task.status === 'published') return;
    if (task.status !== 'approved') {
      this.logger.warn(`Task ${task.id} is ${task.status}, yet the catalogue published it; left as it is`);
      return;
    }
    const publishedOnTime = !task.lateSubmission;
    const updated = await this.tasksRepository.update(tx, task.id, {
      status: 'published',
      publicationId: publication.publicationId,
      publishedVersion: publication.version,
      publishedAt: publication.publishedAt,
      publishedOnTime,
      updatedAt: new Date(),
    });
    const noChange = task.submission?.noChange ?? publication.publicationId === null;
    await this.historyRepository.append(tx, {
      roundId: task.roundId,
      taskId: task.id,
      action: noChange ? 'confirmed unchanged' : 'published',
      actor: context.actor,
      occurredAt: publication.publishedAt,
      comments: publication.version === null ? null : `version ${publication.version}`,
    });
    await emitEvent(
      tx,
      TaskPublishedV1,
      {
        ...taskState(updated),
        publicationId: publication.publicationId,
        version: publication.version,
        noChange,
        publishedAt: publication.publishedAt.toISOString(),
        publishedOnTime,
      },
      { ...context, occurredAt: publication.publishedAt },
    );
  }
}
