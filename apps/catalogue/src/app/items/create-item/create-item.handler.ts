import { Controller } from '@nestjs/common';
import { CatalogueRpc, type CatalogueItem } from '@gongkai/contracts';
import { RpcHandler, type RpcRequest } from '@gongkai/messaging';
import { CreateItemUseCase } from './create-item.use-case';

@Controller()
export class CreateItemHandler {
  constructor(private readonly createItem: CreateItemUseCase) {}

  @RpcHandler(CatalogueRpc.createItem)
  create({ meta, body }: RpcRequest<typeof CatalogueRpc.createItem>): Promise<CatalogueItem> {
    return this.createItem.execute(body, meta);
  }
}
