import { Controller } from '@nestjs/common';
import { CatalogueRpc, PublicationWithdrawnV1, type Publication } from '@gongkai/contracts';
import { DecidesPermission } from '@gongkai/decisions';
import { RpcHandler, emitEvent, type RpcRequest } from '@gongkai/messaging';
import { UnitOfWork } from '@gongkai/service-kit';
import { ItemAccess } from '../../access/item-access';
import type { CatalogueTx } from '../../prisma.service';
import { businessTime } from '../../shared/time';
import { PublicationAccess } from '../publication-access';
import { PublicationsRepository, toPublication } from '../publications.repository';

/**
 * Takes the current version off the catalogue. It stays in the item's history and hash chain
 * (withdrawal changes its state, never its content); the item has no current version until the
 * next one is published.
 */
@Controller()
export class WithdrawPublicationHandler {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly itemAccess: ItemAccess,
    private readonly publicationAccess: PublicationAccess,
    private readonly publicationsRepository: PublicationsRepository,
  ) {}

  @DecidesPermission()
  @RpcHandler(CatalogueRpc.withdrawPublication)
  async withdraw(call: RpcRequest<typeof CatalogueRpc.withdrawPublication>): Promise<Publication> {
    const { meta, body } = call;
    await this.itemAccess.assertMay(meta, 'catalogue.publication.publish', body.itemId);
    const withdrawnAt = businessTime(body.occurredAt, 'occurredAt');
    const withdrawn = await this.unitOfWork.run(async (tx: CatalogueTx) => {
      const { item, publication } = await this.publicationAccess.forTransition(tx, body, {
        states: ['published'],
        action: 'withdrawn',
      });
      const updated = await this.publicationsRepository.update(tx, publication.id, {
        state: 'withdrawn',
        withdrawnAt,
        withdrawnReason: body.reason,
        withdrawnBy: meta.actor,
      });
      await emitEvent(
        tx,
        PublicationWithdrawnV1,
        {
          itemId: item.id,
          itemCode: item.code,
          publicationId: updated.id,
          version: updated.version ?? 0,
          reason: body.reason,
          withdrawnAt: withdrawnAt.toISOString(),
        },
        {
          source: 'catalogue',
          actor: meta.actor,
          correlationId: meta.correlationId,
          occurredAt: withdrawnAt,
        },
      );
      return updated;
    });
    return toPublication(withdrawn);
  }
}
