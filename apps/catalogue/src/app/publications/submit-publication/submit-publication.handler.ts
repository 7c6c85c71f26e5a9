import { Controller } from '@nestjs/common';
import { CatalogueRpc, type Publication } from '@gongkai/contracts';
import { RpcHandler, type RpcRequest } from '@gongkai/messaging';
import { SubmitPublicationUseCase } from './submit-publication.use-case';
import { DecidesPermission } from '@gongkai/decisions';

@Controller()
export class SubmitPublicationHandler {
  constructor(private readonly submitPublication: SubmitPublicationUseCase) {}

  @DecidesPermission()
  @RpcHandler(CatalogueRpc.submitPublication)
  submit({ meta, body }: RpcRequest<typeof CatalogueRpc.submitPublication>): Promise<Publication> {
    return this.submitPublication.execute(body, meta);
  }
}
