import { Controller } from '@nestjs/common';
import { CatalogueRpc, type CategoryList } from '@gongkai/contracts';
import { RpcHandler } from '@gongkai/messaging';
import { ItemsRepository } from '../../items/items.repository';
import { PrismaService } from '../../prisma.service';
import { CategoriesRepository } from '../categories.repository';

@Controller()
export class ListCategoriesHandler {
  constructor(
    private readonly prisma: PrismaService,
    private readonly categoriesRepository: CategoriesRepository,
    private readonly itemsRepository: ItemsRepository,
  ) {}

  @RpcHandler(CatalogueRpc.listCategories)
  async list(): Promise<CategoryList> {
    const [categories, counts] = await Promise.all([
      this.categoriesRepository.list(this.prisma),
      this.itemsRepository.countByCategory(this.prisma),
    ]);
    return {
      items: categories.map((category) => ({ ...category, itemCount: counts.get(category.code) ?? 0 })),
    };
  }
}
