import { Injectable } from '@nestjs/common';
import {
  CatalogueItemCreatedV1,
  CatalogueItemUpdatedV1,
  ItemConfirmedV1,
  PublicationPublishedV1,
  PublicationWithdrawnV1,
  ResponsibilityRevisedV1,
  type EventEnvelope,
} from '@gongkai/contracts';
import { on, type EventConsumer, type EventContext } from '@gongkai/messaging';
import type { RoundsTx } from '../prisma.service';
import { FollowResponsibilityUseCase } from '../reassignment/follow-responsibility/follow-responsibility.use-case';
import { FollowPublicationUseCase } from './follow-publication/follow-publication.use-case';
import { ProjectCatalogueItemUseCase } from './project-catalogue-item/project-catalogue-item.use-case';

/** Events rounds emits because of a catalogue event: caused by it, in its correlation. */
function causedBy(envelope: EventEnvelope): EventContext {
  return {
    source: 'rounds',
    actor: envelope.actor,
    correlationId: envelope.correlationId,
    causationId: envelope.id,
  };
}

/**
 * Everything rounds needs from the catalogue, from its events (never a call): items, their
 * responsibilities (the item and its responsibility are separate aggregates, each with its own
 * version), which version of each is current, and the publications and confirmations that finish
 * round tasks. Ordered per aggregate (the whole stream is read, so every version arrives); a
 * redelivery or an old version changes nothing.
 */
@Injectable()
export class CatalogueEventsConsumer implements EventConsumer<RoundsTx> {
  readonly name = 'catalogue-events';
  readonly source = 'catalogue' as const;
  readonly filter = 'evt.catalogue.>';
  readonly ordering = 'aggregate-version' as const;
  readonly handlers = [
    on(CatalogueItemCreatedV1, (item, envelope, tx: RoundsTx) =>
      this.projectCatalogueItemUseCase.execute(tx, item, envelope.aggregateVersion),
    ),
    on(CatalogueItemUpdatedV1, (item, envelope, tx: RoundsTx) =>
      this.projectCatalogueItemUseCase.execute(tx, item, envelope.aggregateVersion),
    ),
    on(ResponsibilityRevisedV1, (revision, envelope, tx: RoundsTx) =>
      this.followResponsibilityUseCase.execute(tx, revision, envelope.aggregateVersion, {
        events: causedBy(envelope),
        causeEventId: envelope.id,
      }),
    ),
    on(PublicationPublishedV1, (publication, envelope, tx: RoundsTx) =>
      this.followPublicationUseCase.published(tx, publication, causedBy(envelope)),
    ),
    on(PublicationWithdrawnV1, (publication, _envelope, tx: RoundsTx) =>
      this.followPublicationUseCase.withdrawn(tx, publication),
    ),
    on(ItemConfirmedV1, (confirmation, envelope, tx: RoundsTx) =>
      this.followPublicationUseCase.confirmed(tx, confirmation, causedBy(envelope)),
    ),
  ];

  constructor(
    private readonly projectCatalogueItemUseCase: ProjectCatalogueItemUseCase,
    private readonly followResponsibilityUseCase: FollowResponsibilityUseCase,
    private readonly followPublicationUseCase: FollowPublicationUseCase,
  ) {}
}
