import { Injectable } from '@nestjs/common';
import type { PublicCatalogue, PublicCatalogueQuery } from '@gongkai/contracts';
import { CategoriesRepository } from '../../categories/categories.repository';
import { ItemsRepository } from '../../items/items.repository';
import { PrismaService } from '../../prisma.service';
import { PublicationsRepository } from '../../publications/publications.repository';
import { isPublic, toPublicItem } from '../public-views';

/**
 * The 信息公开目录 as the public sees it, by category. Scope is enforced here, in the service,
 * whatever the caller asks: a campus-only item never leaves through this subject. Unfiltered,
 * every category is listed, even an empty one; filtered, only those with matching items.
 */
@Injectable()
export class PublicCatalogueUseCase {
  constructor(
    private readonly prisma: PrismaService,
    private readonly categoriesRepository: CategoriesRepository,
    private readonly itemsRepository: ItemsRepository,
    private readonly publicationsRepository: PublicationsRepository,
  ) {}

  async execute(query: PublicCatalogueQuery): Promise<PublicCatalogue> {
    const items = (
      await this.itemsRepository.find(this.prisma, {
        scope: 'public',
        status: 'active',
        categoryCode: query.categoryCode,
        q: query.q,
      })
    ).filter(isPublic);
    const [categories, current] = await Promise.all([
      this.categoriesRepository.list(this.prisma),
      this.publicationsRepository.currentHeadsFor(
        this.prisma,
        items.map((item) => item.id),
      ),
    ]);
    return {
      categories: categories
        .map((category) => ({
          code: category.code,
          name: category.name,
          items: items
            .filter((item) => item.categoryCode === category.code)
            .map((item) => toPublicItem(item, current.get(item.id))),
        }))
        .filter((category) => category.items.length > 0 || (!query.q && !query.categoryCode)),
    };
  }
}
