import { Controller } from '@nestjs/common';
import { CatalogueRpc, PublicationSecrecyReviewedV1, type Publication } from '@gongkai/contracts';
import { DecidesPermission } from '@gongkai/decisions';
import { RpcHandler, emitEvent, type RpcRequest } from '@gongkai/messaging';
import { UnitOfWork } from '@gongkai/service-kit';
import { ItemAccess } from '../../access/item-access';
import type { CatalogueTx } from '../../prisma.service';
import { PublicationAccess } from '../publication-access';
import { PublicationEvents } from '../publication-events';
import { PublicationsRepository, toPublication } from '../publications.repository';

/**
 * 保密审查: the rules require a named reviewer to clear every publication before it goes out.
 * `cleared` makes it publishable; `returned` sends it back to draft with the reviewer's note.
 * Either way evt.catalogue.publication.secrecy-reviewed says so (without the reviewer's name or note).
 */
@Controller()
export class SecrecyReviewPublicationHandler {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly itemAccess: ItemAccess,
    private readonly publicationAccess: PublicationAccess,
    private readonly publicationsRepository: PublicationsRepository,
    private readonly publicationEvents: PublicationEvents,
  ) {}

  @DecidesPermission()
  @RpcHandler(CatalogueRpc.secrecyReviewPublication)
  async review(call: RpcRequest<typeof CatalogueRpc.secrecyReviewPublication>): Promise<Publication> {
    const { meta, body } = call;
    await this.itemAccess.assertMay(meta, 'catalogue.publication.secrecy_review', body.itemId);
    const reviewed = await this.unitOfWork.run(async (tx: CatalogueTx) => {
      const { item, publication } = await this.publicationAccess.forTransition(tx, body, {
        states: ['in_review'],
        action: 'secrecy-reviewed',
      });
      const reviewedAt = new Date();
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
        { source: 'catalogue', actor: meta.actor, correlationId: meta.correlationId, occurredAt: reviewedAt },
      );
      return updated;
    });
    return toPublication(reviewed);
  }
}
