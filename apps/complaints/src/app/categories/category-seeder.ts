import { Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { PrismaService } from '../prisma.service';
import { CategoriesRepository } from './categories.repository';

/** Loads the default category list on the first start (migrations ran before the app module). */
@Injectable()
export class CategorySeeder implements OnApplicationBootstrap {
  constructor(
    private readonly prisma: PrismaService,
    private readonly categoriesRepository: CategoriesRepository,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.categoriesRepository.seedIfEmpty(this.prisma);
  }
}
