import { Controller } from '@nestjs/common';
import { CatalogueRpc, PublicationEditedV1, type Publication } from '@gongkai/contracts';
import { DecidesPermission } from '@gongkai/decisions';
import { RpcHandler, emitEvent, type RpcRequest } from '@gongkai/messaging';
import { UnitOfWork } from '@gongkai/service-kit';
import { ItemAccess } from '../../access/item-access';
import type { CatalogueTx } from '../../prisma.service';
import { businessTime } from '../../shared/time';
import { PublicationAccess } from '../publication-access';
import { PublicationEvents } from '../publication-events';
import {
  PublicationsRepository,
  toPublication,
  type PublicationRecord,
  type PublicationUpdate,
} from '../publications.repository';

/**
 * Only drafts change: once submitted, a publication is what the reviewers see. An edit that
 * changes nothing writes nothing and emits nothing.
 */
@Controller()
export class UpdatePublicationHandler {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly itemAccess: ItemAccess,
    private readonly publicationAccess: PublicationAccess,
    private readonly publicationsRepository: PublicationsRepository,
    private readonly publicationEvents: PublicationEvents,
  ) {}

  @DecidesPermission()
  @RpcHandler(CatalogueRpc.updatePublication)
  async update(call: RpcRequest<typeof CatalogueRpc.updatePublication>): Promise<Publication> {
    const { meta, body } = call;
    await this.itemAccess.assertMay(meta, 'catalogue.item.update', body.itemId);
    const { informationChangedAt, ...contentChanges } = body.changes;
    const changes: PublicationUpdate = {
      ...contentChanges,
      ...(informationChangedAt === undefined
        ? {}
        : {
            informationChangedAt:
              informationChangedAt === null
                ? null
                : businessTime(informationChangedAt, 'informationChangedAt'),
          }),
    };
    const edited = await this.unitOfWork.run(async (tx: CatalogueTx) => {
      const { item, publication } = await this.publicationAccess.forTransition(tx, body, {
        states: ['draft'],
        action: 'edited',
      });
      const changedFields = Object.keys(changes).filter(
        (field) =>
          JSON.stringify(changes[field as keyof PublicationUpdate]) !==
          JSON.stringify(publication[field as keyof PublicationRecord]),
      );
      if (changedFields.length === 0) return publication;
      const updated = await this.publicationsRepository.update(tx, publication.id, changes);
      await emitEvent(
        tx,
        PublicationEditedV1,
        {
          ...(await this.publicationEvents.fieldsOf(tx, item, updated, updated.updatedAt)),
          changedFields,
          title: updated.title,
          channels: updated.channels,
          informationChangedAt: updated.informationChangedAt?.toISOString() ?? null,
        },
        {
          source: 'catalogue',
          actor: meta.actor,
          correlationId: meta.correlationId,
          occurredAt: updated.updatedAt,
        },
      );
      return updated;
    });
    return toPublication(edited);
  }
}
