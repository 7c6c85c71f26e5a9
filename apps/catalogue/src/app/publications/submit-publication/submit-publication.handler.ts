import { Controller } from '@nestjs/common';
import { CatalogueRpc, PublicationSubmittedV1, type Publication } from '@gongkai/contracts';
import { DecidesPermission } from '@gongkai/decisions';
import { RpcHandler, emitEvent, type RpcRequest } from '@gongkai/messaging';
import { UnitOfWork } from '@gongkai/service-kit';
import { ItemAccess } from '../../access/item-access';
import type { CatalogueTx } from '../../prisma.service';
import { PublicationAccess } from '../publication-access';
import { PublicationEvents } from '../publication-events';
import { PublicationsRepository, toPublication } from '../publications.repository';

@Controller()
export class SubmitPublicationHandler {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly itemAccess: ItemAccess,
    private readonly publicationAccess: PublicationAccess,
    private readonly publicationsRepository: PublicationsRepository,
    private readonly publicationEvents: PublicationEvents,
  ) {}

  @DecidesPermission()
  @RpcHandler(CatalogueRpc.submitPublication)
  async submit(call: RpcRequest<typeof CatalogueRpc.submitPublication>): Promise<Publication> {
    const { meta, body } = call;
    await this.itemAccess.assertMay(meta, 'catalogue.item.update', body.itemId);
    const submitted = await this.unitOfWork.run(async (tx: CatalogueTx) => {
      const { item, publication } = await this.publicationAccess.forTransition(tx, body, {
        states: ['draft'],
        action: 'submitted for review',
      });
      const submittedAt = new Date();
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
        {
          source: 'catalogue',
          actor: meta.actor,
          correlationId: meta.correlationId,
          occurredAt: submittedAt,
        },
      );
      return updated;
    });
    return toPublication(submitted);
  }
}
