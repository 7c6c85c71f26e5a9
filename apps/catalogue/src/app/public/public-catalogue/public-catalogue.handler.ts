import { Controller } from '@nestjs/common';
import { CatalogueRpc, type PublicCatalogue } from '@gongkai/contracts';
import { RpcHandler, type RpcRequest } from '@gongkai/messaging';
import { PublicCatalogueUseCase } from './public-catalogue.use-case';

@Controller()
export class PublicCatalogueHandler {
  constructor(private readonly publicCatalogue: PublicCatalogueUseCase) {}

  @RpcHandler(CatalogueRpc.publicCatalogue)
  list({ body }: RpcRequest<typeof CatalogueRpc.publicCatalogue>): Promise<PublicCatalogue> {
    return this.publicCatalogue.execute(body);
  }
}
