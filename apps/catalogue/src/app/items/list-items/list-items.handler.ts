import { Controller } from '@nestjs/common';
import { CatalogueRpc, type CatalogueItem, type Page } from '@gongkai/contracts';
import { RpcHandler, type RpcRequest } from '@gongkai/messaging';
import { ListItemsUseCase } from './list-items.use-case';

@Controller()
export class ListItemsHandler {
  constructor(private readonly listItems: ListItemsUseCase) {}

  @RpcHandler(CatalogueRpc.listItems)
  list({ body }: RpcRequest<typeof CatalogueRpc.listItems>): Promise<Page<CatalogueItem>> {
    return this.listItems.execute(body);
  }
}
