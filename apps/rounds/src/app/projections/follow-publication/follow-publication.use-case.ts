import { Injectable } from '@nestjs/common';
import type { EventContext } from '@gongkai/messaging';
import type { RoundsTx } from '../../prisma.service';
import { TaskPublishedUseCase } from '../../tasks/task-published/task-published.use-case';
import { CatalogueItemsRepository } from '../catalogue-items.repository';

/**
 * The catalogue's publication events: which version of each item is current (the base a
 * submission is compared with), and the round tasks they finish.
 */
@Injectable()
export class FollowPublicationUseCase {
  constructor(
    private readonly catalogueItemsRepository: CatalogueItemsRepository,
    private readonly taskPublishedUseCase: TaskPublishedUseCase,
  ) {}

  async published(
    tx: RoundsTx,
    publication: {
      itemId: string;
      publicationId: string;
      version: number;
      taskId: string | null;
      publishedAt: string;
    },
    context: EventContext,
  ): Promise<void> {
    await this.catalogueItemsRepository.applyPublished(tx, publication);
    if (publication.taskId === null) return;
    await this.taskPublishedUseCase.execute(
      tx,
      {
        taskId: publication.taskId,
        publicationId: publication.publicationId,
        version: publication.version,
        publishedAt: new Date(publication.publishedAt),
      },
      context,
    );
  }

  async withdrawn(tx: RoundsTx, publication: { itemId: string; publicationId: string }): Promise<void> {
    await this.catalogueItemsRepository.applyWithdrawn(tx, publication);
  }

  /** "No change" confirmed for a round task. */
  async confirmed(
    tx: RoundsTx,
    confirmation: { taskId: string; confirmedAt: string },
    context: EventContext,
  ): Promise<void> {
    await this.taskPublishedUseCase.execute(
      tx,
      {
        taskId: confirmation.taskId,
        publicationId: null,
        version: null,
        publishedAt: new Date(confirmation.confirmedAt),
      },
      context,
    );
  }
}
