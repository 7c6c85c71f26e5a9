import { Injectable } from '@nestjs/common';
import {
  CatalogueErrorReasons,
  CatalogueItemUpdatedV1,
  type CatalogueItem,
  type RequestMeta,
  type UpdateItem,
} from '@gongkai/contracts';
import { emitEvent } from '@gongkai/messaging';
import { Clock, UnitOfWork } from '@gongkai/service-kit';
import { ItemAccess } from '../../access/item-access';
import { CategoriesRepository } from '../../categories/categories.repository';
import type { CatalogueTx } from '../../prisma.service';
import { CatalogueErrors } from '../../shared/catalogue.errors';
import { changedFields } from '../../shared/changed-fields';
import { requestContext } from '../../shared/event-context';
import { itemState } from '../item-events';
import { ItemViews } from '../item-views';
import { ItemsRepository, type ItemChanges } from '../items.repository';

/** The fields only the disclosure office sets (`catalogue.item.classify`), even when sent unchanged. */
export const CLASSIFYING_FIELDS = ['scope', 'status', 'timeLimitDays', 'cycle', 'categoryCode'] as const;

/**
 * An item's fields, by someone who may edit the item's department's items; retiring is
 * `status: retired`. An edit that changes nothing writes nothing and emits nothing.
 */
@Injectable()
export class UpdateItemUseCase {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly clock: Clock,
    private readonly itemAccess: ItemAccess,
    private readonly itemsRepository: ItemsRepository,
    private readonly categoriesRepository: CategoriesRepository,
    private readonly itemViews: ItemViews,
  ) {}

  async execute(body: UpdateItem, meta: RequestMeta): Promise<CatalogueItem> {
    await this.itemAccess.assertMay(meta, 'catalogue.item.update', body.itemId);
    const { changes } = body;
    if (CLASSIFYING_FIELDS.some((field) => changes[field] !== undefined)) {
      // What the item is and how often it is due are reported figures: the office's call, not the department's.
      await this.itemAccess.assertMay(meta, 'catalogue.item.classify', body.itemId);
    }
    return this.unitOfWork.run(async (tx: CatalogueTx) => {
      const item = await this.itemsRepository.lock(tx, body.itemId);
      if (!item) throw CatalogueErrors.itemNotFound(body.itemId);
      if (changes.categoryCode && !(await this.categoriesRepository.exists(tx, changes.categoryCode))) {
        throw CatalogueErrors.invalidField(
          CatalogueErrorReasons.UNKNOWN_REFERENCE,
          ['categoryCode'],
          `No category ${changes.categoryCode}; take a code from GET /catalogue/categories`,
        );
      }
      const changed = changedFields(changes, item);
      if (changed.length === 0) return this.itemViews.one(tx, item, this.clock.now());
      const updated = await this.itemsRepository.update(tx, item.id, changes as ItemChanges);
      await emitEvent(
        tx,
        CatalogueItemUpdatedV1,
        { ...itemState(updated), changedFields: changed },
        requestContext(meta),
      );
      return this.itemViews.one(tx, updated, this.clock.now());
    });
  }
}
