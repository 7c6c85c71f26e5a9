import { Injectable } from '@nestjs/common';
import type { PublicationSource, PublicationState } from '@gongkai/contracts';
import type { ItemRecord } from '../items/items.repository';
import type { CatalogueTx } from '../prisma.service';
import { ResponsibilitiesRepository } from '../responsibilities/responsibilities.repository';
import { todayInShanghai } from '../shared/time';
import type { PublicationRecord } from './publications.repository';

/** The fields every evt.catalogue.publication.* lifecycle event carries. */
export interface PublicationEventFields {
  publicationId: string;
  itemId: string;
  itemCode: string;
  source: PublicationSource;
  leadDepartmentId: string | null;
  state: PublicationState;
}

/**
 * Builds the common part of a publication's lifecycle events, so reports can count drafts,
 * submissions and secrecy reviews per item and department without reading the catalogue.
 */
@Injectable()
export class PublicationEvents {
  constructor(private readonly responsibilitiesRepository: ResponsibilitiesRepository) {}

  /** `publication` as it is after the change; the department is the item's lead on the day of `at`. */
  async fieldsOf(
    tx: CatalogueTx,
    item: Pick<ItemRecord, 'id' | 'code'>,
    publication: PublicationRecord,
    at: Date,
  ): Promise<PublicationEventFields> {
    return {
      publicationId: publication.id,
      itemId: item.id,
      itemCode: item.code,
      source: publication.source,
      leadDepartmentId: await this.responsibilitiesRepository.leadDepartmentOn(
        tx,
        item.id,
        todayInShanghai(at),
      ),
      state: publication.state,
    };
  }
}
