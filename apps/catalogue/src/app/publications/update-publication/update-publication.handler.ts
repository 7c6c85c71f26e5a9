import { Controller } from '@nestjs/common';
import { CatalogueRpc, type Publication } from '@gongkai/contracts';
import { RpcHandler, type RpcRequest } from '@gongkai/messaging';
import { UpdatePublicationUseCase } from './update-publication.use-case';
import { DecidesPermission } from '@gongkai/decisions';

@Controller()
export class UpdatePublicationHandler {
  constructor(private readonly updatePublication: UpdatePublicationUseCase) {}

  @DecidesPermission()
  @RpcHandler(CatalogueRpc.updatePublication)
  update({ meta, body }: RpcRequest<typeof CatalogueRpc.updatePublication>): Promise<Publication> {
    return this.updatePublication.execute(body, meta);
  }
}
