import { Injectable } from '@nestjs/common';
import {
  PublicationEditedV1,
  type Publication,
  type RequestMeta,
  type UpdatePublication,
} from '@gongkai/contracts';
import { emitEvent } from '@gongkai/messaging';
import { Clock, UnitOfWork, businessTimeOf } from '@gongkai/service-kit';
import { ItemAccess } from '../../access/item-access';
import type { CatalogueTx } from '../../prisma.service';
import { changedFields } from '../../shared/changed-fields';
import { requestContext } from '../../shared/event-context';
import { PublicationAccess } from '../publication-access';
import { PublicationEvents } from '../publication-events';
import { PublicationsRepository, toPublication, type PublicationUpdate } from '../publications.repository';

/**
 * Only drafts change: once submitted, a publication is what the reviewers see. An edit that
 * changes nothing writes nothing and emits nothing.
 */
@Injectable()
export class UpdatePublicationUseCase {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly clock: Clock,
    private readonly itemAccess: ItemAccess,
    private readonly publicationAccess: PublicationAccess,
    private readonly publicationsRepository: PublicationsRepository,
    private readonly publicationEvents: PublicationEvents,
  ) {}

  async execute(body: UpdatePublication, meta: RequestMeta): Promise<Publication> {
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
                : businessTimeOf(informationChangedAt, this.clock.now(), { field: 'informationChangedAt' }),
          }),
    };
    const edited = await this.unitOfWork.run(async (tx: CatalogueTx) => {
      const { item, publication } = await this.publicationAccess.forTransition(tx, body, {
        states: ['draft'],
        action: 'edited',
      });
      const changed = changedFields(changes, publication);
      if (changed.length === 0) return publication;
      const updated = await this.publicationsRepository.update(tx, publication.id, changes);
      await emitEvent(
        tx,
        PublicationEditedV1,
        {
          ...(await this.publicationEvents.fieldsOf(tx, item, updated, updated.updatedAt)),
          changedFields: changed,
          title: updated.title,
          channels: updated.channels,
          informationChangedAt: updated.informationChangedAt?.toISOString() ?? null,
        },
        requestContext(meta, updated.updatedAt),
      );
      return updated;
    });
    return toPublication(edited);
  }
}
