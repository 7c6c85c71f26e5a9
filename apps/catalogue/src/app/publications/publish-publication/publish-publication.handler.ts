import { Controller } from '@nestjs/common';
import { CatalogueRpc, type Publication } from '@gongkai/contracts';
import { DecidesPermission } from '@gongkai/decisions';
import { RpcHandler, type RpcRequest } from '@gongkai/messaging';
import { PublishPublicationUseCase } from './publish-publication.use-case';

@Controller()
export class PublishPublicationHandler {
  constructor(private readonly publishPublication: PublishPublicationUseCase) {}

  @DecidesPermission()
  @RpcHandler(CatalogueRpc.publishPublication)
  publish({ meta, body }: RpcRequest<typeof CatalogueRpc.publishPublication>): Promise<Publication> {
    return this.publishPublication.execute(body, meta);
  }
}
