import { Controller } from '@nestjs/common';
import { CatalogueRpc, type CatalogueItem } from '@gongkai/contracts';
import { RpcHandler, type RpcRequest } from '@gongkai/messaging';
import { UpdateItemUseCase } from './update-item.use-case';
import { DecidesPermission } from '@gongkai/decisions';

@Controller()
export class UpdateItemHandler {
  constructor(private readonly updateItem: UpdateItemUseCase) {}

  @DecidesPermission()
  @RpcHandler(CatalogueRpc.updateItem)
  update({ meta, body }: RpcRequest<typeof CatalogueRpc.updateItem>): Promise<CatalogueItem> {
    return this.updateItem.execute(body, meta);
  }
}
