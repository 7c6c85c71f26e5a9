import { Controller } from '@nestjs/common';
import { ComplaintsRpc } from '@gongkai/contracts';
import { RpcHandler } from '@gongkai/messaging';
import { PrismaService } from '../../prisma.service';
import { CategoriesRepository } from '../categories.repository';

@Controller()
export class ListCategoriesHandler {
  constructor(
    private readonly prisma: PrismaService,
    private readonly categoriesRepository: CategoriesRepository,
  ) {}

  @RpcHandler(ComplaintsRpc.listCategories)
  async list() {
    return { items: await this.categoriesRepository.list(this.prisma) };
  }
}
