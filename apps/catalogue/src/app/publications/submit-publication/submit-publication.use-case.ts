import { Injectable } from '@nestjs/common';
import {
  PublicationSubmittedV1,
  type Publication,
  type PublicationRef,
  type RequestMeta,
} from '@gongkai/contracts';
import { emitEvent } from '@gongkai/messaging';
import { Clock, UnitOfWork } from '@gongkai/service-kit';
import { ItemAccess } from '../../access/item-access';
import type { CatalogueTx } from '../../prisma.service';
import { requestContext } from '../../shared/event-context';
import { PublicationAccess } from '../publication-access';
import { PublicationEvents } from '../publication-events';
import { PublicationsRepository, toPublication } from '../publications.repository';

/** A draft goes to review: from now on it changes only by a reviewer's decision. */
@Injectable()
export class SubmitPublicationUseCase {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly clock: Clock,
    private readonly itemAccess: ItemAccess,
    private readonly publicationAccess: PublicationAccess,
    private readonly publicationsRepository: PublicationsRepository,
    private readonly publicationEvents: PublicationEvents,
  ) {}

  async execute(body: PublicationRef, meta: RequestMeta): Promise<Publication> {
    await this.itemAccess.assertMay(meta, 'catalogue.item.update', body.itemId);
    const submitted = await this.unitOfWork.run(async (tx: CatalogueTx) => {
      const { item, publication } = await this.publicationAccess.forTransition(tx, body, {
        states: ['draft'],
        action: 'submitted for review',
      });
      const submittedAt = this.clock.now();
      const updated = await this.publicationsRepository.update(tx, publication.id, {
        state: 'in_review',
        submittedAt,
        submittedBy: meta.actor,
      });
      await emitEvent(
        tx,
        PublicationSubmittedV1,
        {
          ...(await this.publicationEvents.fieldsOf(tx, item, updated, submittedAt)),
          submittedAt: submittedAt.toISOString(),
        },
        requestContext(meta, submittedAt),
      );
      return updated;
    });
    return toPublication(submitted);
  }
}
