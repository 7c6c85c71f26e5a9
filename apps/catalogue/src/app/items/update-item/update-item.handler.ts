import { Controller } from '@nestjs/common';
import { CatalogueItemUpdatedV1, CatalogueRpc, type CatalogueItem } from '@gongkai/contracts';
import { DecidesPermission } from '@gongkai/decisions';
import { RpcHandler, emitEvent, type RpcRequest } from '@gongkai/messaging';
import { UnitOfWork } from '@gongkai/service-kit';
import { CategoriesRepository } from '../../categories/categories.repository';
import { ItemAccess } from '../../access/item-access';
import type { CatalogueTx } from '../../prisma.service';
import { CatalogueErrors } from '../../shared/catalogue.errors';
import { itemState } from '../item-events';
import { ItemViews } from '../item-views';
import { ItemsRepository, type ItemChanges, type ItemRecord } from '../items.repository';

@Controller()
export class UpdateItemHandler {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly itemAccess: ItemAccess,
    private readonly itemsRepository: ItemsRepository,
    private readonly categoriesRepository: CategoriesRepository,
    private readonly itemViews: ItemViews,
  ) {}

  @DecidesPermission()
  @RpcHandler(CatalogueRpc.updateItem)
  async update(call: RpcRequest<typeof CatalogueRpc.updateItem>): Promise<CatalogueItem> {
    const { meta, body } = call;
    await this.itemAccess.assertMay(meta, 'catalogue.item.update', body.itemId);
    const { changes } = body;
    const view = await this.unitOfWork.run(async (tx: CatalogueTx) => {
      const item = await this.itemsRepository.lock(tx, body.itemId);
      if (!item) throw CatalogueErrors.itemNotFound(body.itemId);
      if (changes.categoryCode && !(await this.categoriesRepository.exists(tx, changes.categoryCode))) {
        throw CatalogueErrors.invalidField(
          ['categoryCode'],
          `No category ${changes.categoryCode}; take a code from GET /catalogue/categories`,
        );
      }
      const changedFields = Object.keys(changes).filter(
        (field) =>
          JSON.stringify(changes[field as keyof typeof changes]) !==
          JSON.stringify(item[field as keyof ItemRecord]),
      );
      if (changedFields.length === 0) return this.itemViews.one(tx, item);
      const updated = await this.itemsRepository.update(tx, item.id, changes as ItemChanges);
      await emitEvent(
        tx,
        CatalogueItemUpdatedV1,
        { ...itemState(updated), changedFields },
        { source: 'catalogue', actor: meta.actor, correlationId: meta.correlationId },
      );
      return this.itemViews.one(tx, updated);
    });
    return view;
  }
}
