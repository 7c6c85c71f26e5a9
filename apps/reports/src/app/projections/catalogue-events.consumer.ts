import { Injectable } from '@nestjs/common';
import {
  CatalogueItemCreatedV1,
  CatalogueItemUpdatedV1,
  CategoryCreatedV1,
  PublicationPublishedV1,
  ResponsibilityRevisedV1,
} from '@gongkai/contracts';
import { on, type EventConsumer } from '@gongkai/messaging';
import type { ReportsTx } from '../prisma.service';
import { ProjectionsRepository } from './projections.repository';

type ItemState = {
  itemId: string;
  code: string;
  title: string;
  categoryCode: string;
  channels: string[];
  status: string;
};
const itemRow = (item: ItemState) => ({
  itemId: item.itemId,
  code: item.code,
  title: item.title,
  categoryCode: item.categoryCode,
  channels: item.channels,
  status: item.status,
});

/** The catalogue's items and categories, every published version and every 责任分工 revision. */
@Injectable()
export class CatalogueEventsConsumer implements EventConsumer<ReportsTx> {
  readonly name = 'catalogue-events';
  readonly source = 'catalogue' as const;
  readonly filter = 'evt.catalogue.>';
  readonly ordering = 'aggregate-version' as const;
  readonly handlers = [
    on(CatalogueItemCreatedV1, (item, envelope, tx: ReportsTx) =>
      this.projectionsRepository.upsertItem(tx, itemRow(item), envelope.aggregateVersion),
    ),
    on(CatalogueItemUpdatedV1, (item, envelope, tx: ReportsTx) =>
      this.projectionsRepository.upsertItem(tx, itemRow(item), envelope.aggregateVersion),
    ),
    on(CategoryCreatedV1, (category, _envelope, tx: ReportsTx) =>
      this.projectionsRepository.upsertCategory(tx, {
        code: category.code,
        name: category.name,
        sortOrder: category.sortOrder,
      }),
    ),
    on(PublicationPublishedV1, (publication, _envelope, tx: ReportsTx) =>
      this.projectionsRepository.addPublication(tx, {
        publicationId: publication.publicationId,
        itemId: publication.itemId,
        itemCode: publication.itemCode,
        version: publication.version,
        title: publication.title,
        source: publication.source,
        roundId: publication.roundId,
        channels: publication.channels,
        publishedAt: new Date(publication.publishedAt),
      }),
    ),
    on(ResponsibilityRevisedV1, (revision, _envelope, tx: ReportsTx) =>
      this.projectionsRepository.addRevision(tx, {
        revisionId: revision.revisionId,
        itemId: revision.itemId,
        itemCode: revision.itemCode,
        revisionNo: revision.revisionNo,
        trigger: revision.trigger,
        effectiveDate: revision.effectiveDate,
        reason: revision.reason,
        leadDepartmentId: revision.leadDepartmentId,
        previousLeadDepartmentId: revision.previousLeadDepartmentId,
      }),
    ),
  ];

  constructor(private readonly projectionsRepository: ProjectionsRepository) {}
}
