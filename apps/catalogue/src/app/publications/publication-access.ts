import { Injectable } from '@nestjs/common';
import { CatalogueErrorReasons, type PublicationState } from '@gongkai/contracts';
import { ItemsRepository, type ItemRecord } from '../items/items.repository';
import type { CatalogueTx } from '../prisma.service';
import { CatalogueErrors } from '../shared/catalogue.errors';
import { PublicationsRepository, type PublicationRecord } from './publications.repository';

/** Loads an item (locked) and one of its publications for a transition, checking its state. */
@Injectable()
export class PublicationAccess {
  constructor(
    private readonly itemsRepository: ItemsRepository,
    private readonly publicationsRepository: PublicationsRepository,
  ) {}

  async forTransition(
    tx: CatalogueTx,
    ref: { itemId: string; publicationId: string },
    expected: { states: PublicationState[]; action: string },
  ): Promise<{ item: ItemRecord; publication: PublicationRecord }> {
    const item = await this.itemsRepository.lock(tx, ref.itemId);
    if (!item) throw CatalogueErrors.itemNotFound(ref.itemId);
    const publication = await this.publicationsRepository.findForItem(tx, ref.itemId, ref.publicationId);
    if (!publication) throw CatalogueErrors.publicationNotFound(ref.itemId, ref.publicationId);
    if (!expected.states.includes(publication.state)) {
      throw CatalogueErrors.wrongState(
        CatalogueErrorReasons.PUBLICATION_WRONG_STATE,
        `Publication ${publication.id} is ${publication.state}; only a publication that is ` +
          `${expected.states.join(' or ')} can be ${expected.action}`,
        { publicationId: publication.id, state: publication.state, allowedStates: expected.states },
      );
    }
    return { item, publication };
  }
}
