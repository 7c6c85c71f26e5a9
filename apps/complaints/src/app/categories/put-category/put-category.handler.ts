import { Controller } from '@nestjs/common';
import { ComplaintsRpc } from '@gongkai/contracts';
import { RpcHandler, type RpcRequest } from '@gongkai/messaging';
import { PrismaService } from '../../prisma.service';
import { CategoriesRepository } from '../categories.repository';

@Controller()
export class PutCategoryHandler {
  constructor(
    private readonly prisma: PrismaService,
    private readonly categoriesRepository: CategoriesRepository,
  ) {}

  @RpcHandler(ComplaintsRpc.putCategory)
  put({ body }: RpcRequest<typeof ComplaintsRpc.putCategory>) {
    return this.categoriesRepository.put(this.prisma, body);
  }
}
