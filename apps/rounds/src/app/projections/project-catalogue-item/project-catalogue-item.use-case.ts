import { Injectable } from '@nestjs/common';
import type { RoundsTx } from '../../prisma.service';
import { CatalogueItemsRepository } from '../catalogue-items.repository';

/** evt.catalogue.item.created / updated: the item's code, title, category and status. */
@Injectable()
export class ProjectCatalogueItemUseCase {
  constructor(private readonly catalogueItemsRepository: CatalogueItemsRepository) {}

  async execute(
    tx: RoundsTx,
    item: { itemId: string; code: string; title: string; categoryCode: string; status: string },
    version: number,
  ): Promise<void> {
    await this.catalogueItemsRepository.applyItem(tx, {
      id: item.itemId,
      code: item.code,
      title: item.title,
      categoryCode: item.categoryCode,
      status: item.status,
      version,
    });
  }
}
