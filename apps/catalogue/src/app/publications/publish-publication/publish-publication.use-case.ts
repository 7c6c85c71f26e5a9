import { Injectable } from '@nestjs/common';
import type { Publication, PublishPublication, RequestMeta } from '@gongkai/contracts';
import { Clock, UnitOfWork, businessTimeOf } from '@gongkai/service-kit';
import { ItemAccess } from '../../access/item-access';
import type { CatalogueTx } from '../../prisma.service';
import { requestContext } from '../../shared/event-context';
import { PublicationAccess } from '../publication-access';
import { toPublication } from '../publications.repository';
import { PublishVersionUseCase } from '../publish-version/publish-version.use-case';

/** A publication cleared by its secrecy reviewer goes out as the item's next version, now or at `occurredAt`. */
@Injectable()
export class PublishPublicationUseCase {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly clock: Clock,
    private readonly itemAccess: ItemAccess,
    private readonly publicationAccess: PublicationAccess,
    private readonly publishVersion: PublishVersionUseCase,
  ) {}

  async execute(body: PublishPublication, meta: RequestMeta): Promise<Publication> {
    await this.itemAccess.assertMay(meta, 'catalogue.publication.publish', body.itemId, body.occurredAt);
    const publishedAt = businessTimeOf(body.occurredAt, this.clock.now());
    const published = await this.unitOfWork.run(async (tx: CatalogueTx) => {
      const { item, publication } = await this.publicationAccess.forTransition(tx, body, {
        states: ['secrecy_reviewed'],
        action: 'published (a named reviewer must clear it first: POST …/secrecy-review)',
      });
      return this.publishVersion.execute(tx, {
        item,
        publication,
        publishedAt,
        context: requestContext(meta),
      });
    });
    return toPublication(published);
  }
}
