import { Controller } from '@nestjs/common';
import { CatalogueRpc, type CatalogueItem } from '@gongkai/contracts';
import { RpcHandler, type RpcRequest } from '@gongkai/messaging';
import { PrismaService } from '../../prisma.service';
import { CatalogueErrors } from '../../shared/catalogue.errors';
import { ItemViews } from '../item-views';
import { ItemsRepository } from '../items.repository';

@Controller()
export class GetItemHandler {
  constructor(
    private readonly prisma: PrismaService,
    private readonly itemsRepository: ItemsRepository,
    private readonly itemViews: ItemViews,
  ) {}

  @RpcHandler(CatalogueRpc.getItem)
  async get(call: RpcRequest<typeof CatalogueRpc.getItem>): Promise<CatalogueItem> {
    const { body } = call;
    const item = await this.itemsRepository.findById(this.prisma, body.itemId);
    if (!item) throw CatalogueErrors.itemNotFound(body.itemId);
    return this.itemViews.one(this.prisma, item);
  }
}
