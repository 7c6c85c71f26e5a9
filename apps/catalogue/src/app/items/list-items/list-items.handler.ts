import { Controller } from '@nestjs/common';
import { CatalogueRpc, type CatalogueItem, type Page } from '@gongkai/contracts';
import { RpcHandler, type RpcRequest } from '@gongkai/messaging';
import { PrismaService } from '../../prisma.service';
import { ItemViews, isResponsible, toItemView } from '../item-views';
import { ItemsRepository } from '../items.repository';

/**
 * Items by code, a page at a time (the cursor is the last code seen). The catalogue is small
 * (50–500 items), so the department filter, which depends on each item's responsibility today,
 * is applied in memory after the database filters.
 */
@Controller()
export class ListItemsHandler {
  constructor(
    private readonly prisma: PrismaService,
    private readonly itemsRepository: ItemsRepository,
    private readonly itemViews: ItemViews,
  ) {}

  @RpcHandler(CatalogueRpc.listItems)
  async list(call: RpcRequest<typeof CatalogueRpc.listItems>): Promise<Page<CatalogueItem>> {
    const { body } = call;
    const now = new Date();
    const items = await this.itemsRepository.find(this.prisma, body);
    const contexts = await this.itemViews.contexts(this.prisma, items, now);
    const departmentId = body.departmentId;
    const matching = items.filter(
      (item) =>
        (!departmentId || isResponsible(contexts.get(item.id), departmentId)) &&
        (!body.cursor || item.code > body.cursor),
    );
    const pageItems = matching.slice(0, body.limit);
    return {
      items: pageItems.map((item) => toItemView(item, contexts.get(item.id)!, now)),
      nextCursor: matching.length > body.limit ? (pageItems[pageItems.length - 1]?.code ?? null) : null,
    };
  }
}
