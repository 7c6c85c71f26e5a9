import { Injectable } from '@nestjs/common';
import {
  PublicationWithdrawnV1,
  type Publication,
  type RequestMeta,
  type WithdrawPublication,
} from '@gongkai/contracts';
import { emitEvent } from '@gongkai/messaging';
import { Clock, UnitOfWork, businessTimeOf } from '@gongkai/service-kit';
import { ItemAccess } from '../../access/item-access';
import type { CatalogueTx } from '../../prisma.service';
import { requestContext } from '../../shared/event-context';
import { PublicationAccess } from '../publication-access';
import { PublicationLedger } from '../publication-ledger';
import { PublicationsRepository, toPublication } from '../publications.repository';

/**
 * Takes the current version off the catalogue. It stays in the item's history and hash chain
 * (withdrawal changes its state, never its content); the item has no current version until the
 * next one is published.
 */
@Injectable()
export class WithdrawPublicationUseCase {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly clock: Clock,
    private readonly itemAccess: ItemAccess,
    private readonly publicationAccess: PublicationAccess,
    private readonly publicationsRepository: PublicationsRepository,
    private readonly publicationLedger: PublicationLedger,
  ) {}

  async execute(body: WithdrawPublication, meta: RequestMeta): Promise<Publication> {
    await this.itemAccess.assertMay(meta, 'catalogue.publication.publish', body.itemId, body.occurredAt);
    const withdrawnAt = businessTimeOf(body.occurredAt, this.clock.now());
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
      await this.publicationLedger.record(
        tx,
        [{ publicationId: updated.id, change: 'withdrawn' }],
        requestContext(meta, withdrawnAt),
      );
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
        requestContext(meta, withdrawnAt),
      );
      return updated;
    });
    return toPublication(withdrawn);
  }
}
