import { Injectable } from '@nestjs/common';
import {
  PublicationSecrecyReviewedV1,
  type Publication,
  type RequestMeta,
  type SecrecyReviewPublication,
} from '@gongkai/contracts';
import { emitEvent } from '@gongkai/messaging';
import { Clock, UnitOfWork } from '@gongkai/service-kit';
import { ItemAccess } from '../../access/item-access';
import type { CatalogueTx } from '../../prisma.service';
import { requestContext } from '../../shared/event-context';
import { PublicationAccess } from '../publication-access';
import { PublicationEvents } from '../publication-events';
import { PublicationsRepository, toPublication } from '../publications.repository';

/**
 * 保密审查: the rules require a named reviewer to clear every publication before it goes out.
 * `cleared` makes it publishable; `returned` sends it back to draft with the reviewer's note.
 * Either way evt.catalogue.publication.secrecy-reviewed says so (without the reviewer's name or note).
 */
@Injectable()
export class SecrecyReviewPublicationUseCase {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly clock: Clock,
    private readonly itemAccess: ItemAccess,
    private readonly publicationAccess: PublicationAccess,
    private readonly publicationsRepository: PublicationsRepository,
    private readonly publicationEvents: PublicationEvents,
  ) {}

  async execute(body: SecrecyReviewPublication, meta: RequestMeta): Promise<Publication> {
    await this.itemAccess.assertMay(meta, 'catalogue.publication.secrecy_review', body.itemId);
    const reviewed = await this.unitOfWork.run(async (tx: CatalogueTx) => {
      const { item, publication } = await this.publicationAccess.forTransition(tx, body, {
        states: ['in_review'],
        action: 'secrecy-reviewed',
      });
      const reviewedAt = this.clock.now();
      const updated = await this.publicationsRepository.update(tx, publication.id, {
        state: body.decision === 'cleared' ? 'secrecy_reviewed' : 'draft',
        secrecyReviewer: body.reviewer,
        secrecyDecision: body.decision,
        secrecyNote: body.note ?? null,
        secrecyReviewedBy: meta.actor,
        secrecyReviewedAt: reviewedAt,
      });
      await emitEvent(
        tx,
        PublicationSecrecyReviewedV1,
        {
          ...(await this.publicationEvents.fieldsOf(tx, item, updated, reviewedAt)),
          decision: body.decision,
          reviewedAt: reviewedAt.toISOString(),
        },
        requestContext(meta, reviewedAt),
      );
      return updated;
    });
    return toPublication(reviewed);
  }
}
