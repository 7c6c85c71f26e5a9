import { Injectable } from '@nestjs/common';
import { v7 as uuidv7 } from 'uuid';
import {
  CatalogueErrorReasons,
  PublicationDraftedV1,
  type CreatePublication,
  type Publication,
  type RequestMeta,
} from '@gongkai/contracts';
import { emitEvent } from '@gongkai/messaging';
import { Clock, UnitOfWork, businessTimeOf } from '@gongkai/service-kit';
import { ItemAccess } from '../../access/item-access';
import { ItemsRepository } from '../../items/items.repository';
import type { CatalogueTx } from '../../prisma.service';
import { CatalogueErrors } from '../../shared/catalogue.errors';
import { requestContext } from '../../shared/event-context';
import { PublicationEvents } from '../publication-events';
import { PublicationsRepository, toPublication } from '../publications.repository';

/** An ad-hoc publication starts as a draft; it goes out only after review and secrecy clearance. */
@Injectable()
export class CreatePublicationUseCase {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly clock: Clock,
    private readonly itemAccess: ItemAccess,
    private readonly itemsRepository: ItemsRepository,
    private readonly publicationsRepository: PublicationsRepository,
    private readonly publicationEvents: PublicationEvents,
  ) {}

  async execute(body: CreatePublication, meta: RequestMeta): Promise<Publication> {
    await this.itemAccess.assertMay(meta, 'catalogue.item.update', body.itemId);
    const informationChangedAt =
      body.informationChangedAt === undefined
        ? null
        : businessTimeOf(body.informationChangedAt, this.clock.now(), { field: 'informationChangedAt' });
    const created = await this.unitOfWork.run(async (tx: CatalogueTx) => {
      const item = await this.itemsRepository.findById(tx, body.itemId);
      if (!item) throw CatalogueErrors.itemNotFound(body.itemId);
      if (item.status !== 'active') {
        throw CatalogueErrors.wrongState(
          CatalogueErrorReasons.ITEM_RETIRED,
          `Item ${item.code} is retired; reactivate it before publishing`,
          {
            itemId: item.id,
          },
        );
      }
      const createdAt = this.clock.now();
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
        requestContext(meta, createdAt),
      );
      return publication;
    });
    return toPublication(created);
  }
}
