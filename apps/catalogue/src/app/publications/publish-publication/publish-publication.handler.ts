import { Controller } from '@nestjs/common';
import { CatalogueRpc, type Publication } from '@gongkai/contracts';
import { DecidesPermission } from '@gongkai/decisions';
import { RpcHandler, type RpcRequest } from '@gongkai/messaging';
import { UnitOfWork } from '@gongkai/service-kit';
import { ItemAccess } from '../../access/item-access';
import type { CatalogueTx } from '../../prisma.service';
import { businessTime } from '../../shared/time';
import { PublicationAccess } from '../publication-access';
import { toPublication } from '../publications.repository';
import { Publisher } from '../publisher';

@Controller()
export class PublishPublicationHandler {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly itemAccess: ItemAccess,
    private readonly publicationAccess: PublicationAccess,
    private readonly publisher: Publisher,
  ) {}

  @DecidesPermission()
  @RpcHandler(CatalogueRpc.publishPublication)
  async publish(call: RpcRequest<typeof CatalogueRpc.publishPublication>): Promise<Publication> {
    const { meta, body } = call;
    await this.itemAccess.assertMay(meta, 'catalogue.publication.publish', body.itemId);
    const publishedAt = businessTime(body.occurredAt, 'occurredAt');
    const published = await this.unitOfWork.run(async (tx: CatalogueTx) => {
      const { item, publication } = await this.publicationAccess.forTransition(tx, body, {
        states: ['secrecy_reviewed'],
        action: 'published (a named reviewer must clear it first: POST …/secrecy-review)',
      });
      return this.publisher.publish(tx, {
        item,
        publication,
        publishedAt,
        context: { source: 'catalogue', actor: meta.actor, correlationId: meta.correlationId },
      });
    });
    return toPublication(published);
  }
}
