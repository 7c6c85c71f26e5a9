import { Controller } from '@nestjs/common';
import { CatalogueRpc, type PublicItemDetail } from '@gongkai/contracts';
import { RpcHandler, type RpcRequest } from '@gongkai/messaging';
import { GetPublicItemUseCase } from './get-public-item.use-case';

@Controller()
export class GetPublicItemHandler {
  constructor(private readonly getPublicItem: GetPublicItemUseCase) {}

  @RpcHandler(CatalogueRpc.publicItem)
  get({ body }: RpcRequest<typeof CatalogueRpc.publicItem>): Promise<PublicItemDetail> {
    return this.getPublicItem.execute(body);
  }
}
