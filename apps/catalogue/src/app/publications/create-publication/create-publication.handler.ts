import { Controller } from '@nestjs/common';
import { v7 as uuidv7 } from 'uuid';
import { CatalogueRpc, PublicationDraftedV1, type Publication } from '@gongkai/contracts';
import { DecidesPermission } from '@gongkai/decisions';
import { RpcHandler, emitEvent, type RpcRequest } from '@gongkai/messaging';
import { UnitOfWork } from '@gongkai/service-kit';
import { ItemsRepository } from '../../items/items.repository';
import { ItemAccess } from '../../access/item-access';
import type { CatalogueTx } from '../../prisma.service';
import { CatalogueErrors } from '../../shared/catalogue.errors';
import { businessTime } from '../../shared/time';
import { PublicationEvents } from '../publication-events';
import { PublicationsRepository, toPublication } from '../publications.repository';

/** An ad-hoc publication starts as a draft; it goes out only after review and secrecy clearance. */
@Controller()
export class CreatePublicationHandler {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly itemAccess: ItemAccess,
    private readonly itemsRepository: ItemsRepository,
    private readonly publicationsRepository: PublicationsRepository,
    private readonly publicationEvents: PublicationEvents,
  ) {}

  @DecidesPermission()
  @RpcHandler(CatalogueRpc.createPublication)
  async create(call: RpcRequest<typeof CatalogueRpc.createPublication>): Promise<Publication> {
    const { meta, body } = call;
    await this.itemAccess.assertMay(meta, 'catalogue.item.update', body.itemId);
    const informationChangedAt =
      body.informationChangedAt === undefined
        ? null
        : businessTime(body.informationChangedAt, 'informationChangedAt');
    const created = await this.unitOfWork.run(async (tx: CatalogueTx) => {
      const item = await this.itemsRepository.findById(tx, body.itemId);
      if (!item) throw CatalogueErrors.itemNotFound(body.itemId);
      if (item.status !== 'active') {
        throw CatalogueErrors.wrongState(`Item ${item.code} is retired; reactivate it before publishing`, {
          itemId: item.id,
        });
      }
      const createdAt = new Date();
      const publication = await this.publicationsRepository.insert(tx, {
        id: uuidv7(),
        itemId: item.id,
        state: 'draft',
        source: 'ad_hoc',
        taskId: null,
        roundId: null,
        title: body.title,
        summary: body.summary,
        body: body.body,
        documents: body.documents,
        attachments: body.attachments,
        channels: body.channels,
        publisher: body.publisher ?? null,
        informationChangedAt,
        createdBy: meta.actor,
        createdAt,
      });
      await emitEvent(
        tx,
        PublicationDraftedV1,
        {
          ...(await this.publicationEvents.fieldsOf(tx, item, publication, createdAt)),
          title: publication.title,
          channels: publication.channels,
          informationChangedAt: publication.informationChangedAt?.toISOString() ?? null,
        },
        { source: 'catalogue', actor: meta.actor, correlationId: meta.correlationId, occurredAt: createdAt },
      );
      return publication;
    });
    return toPublication(created);
  }
}
