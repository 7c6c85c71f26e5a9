import { Controller } from '@nestjs/common';
import { CatalogueRpc, type Publication } from '@gongkai/contracts';
import { RpcHandler, type RpcRequest } from '@gongkai/messaging';
import { SubmitPublicationUseCase } from './submit-publication.use-case';

@Controller()
export class SubmitPublicationHandler {
  constructor(private readonly submitPublication: SubmitPublicationUseCase) {}

  @RpcHandler(CatalogueRpc.submitPublication)
  submit({ meta, body }: RpcRequest<typeof CatalogueRpc.submitPublication>): Promise<Publication> {
    return this.submitPublication.execute(body, meta);
  }
}
