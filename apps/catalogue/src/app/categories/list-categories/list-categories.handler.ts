import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { z } from 'zod';
import { CatalogueSubjects, type CategoryList } from '@gongkai/contracts';
import { parseRequest } from '@gongkai/messaging';
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

  @MessagePattern(CatalogueSubjects.listCategories)
  async list(@Payload() payload: unknown): Promise<CategoryList> {
    parseRequest(z.object({}).strict(), payload);
    const [categories, counts] = await Promise.all([
      this.categoriesRepository.list(this.prisma),
      this.itemsRepository.countByCategory(this.prisma),
    ]);
    return {
      items: categories.map((category) => ({ ...category, itemCount: counts.get(category.code) ?? 0 })),
    };
  }
}
