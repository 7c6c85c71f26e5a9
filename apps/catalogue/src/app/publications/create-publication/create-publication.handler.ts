import { Controller } from '@nestjs/common';
import { CatalogueRpc, type Publication } from '@gongkai/contracts';
import { RpcHandler, type RpcRequest } from '@gongkai/messaging';
import { CreatePublicationUseCase } from './create-publication.use-case';
import { DecidesPermission } from '@gongkai/decisions';

@Controller()
export class CreatePublicationHandler {
  constructor(private readonly createPublication: CreatePublicationUseCase) {}

  @DecidesPermission()
  @RpcHandler(CatalogueRpc.createPublication)
  create({ meta, body }: RpcRequest<typeof CatalogueRpc.createPublication>): Promise<Publication> {
    return this.createPublication.execute(body, meta);
  }
}
