import { Controller } from '@nestjs/common';
import { CatalogueRpc, type ChainVerification } from '@gongkai/contracts';
import { RpcHandler, type RpcRequest } from '@gongkai/messaging';
import { VerifyPublicationsUseCase } from './verify-publications.use-case';

@Controller()
export class VerifyPublicationsHandler {
  constructor(private readonly verifyPublications: VerifyPublicationsUseCase) {}

  @RpcHandler(CatalogueRpc.verifyPublications)
  verify({ body }: RpcRequest<typeof CatalogueRpc.verifyPublications>): Promise<ChainVerification> {
    return this.verifyPublications.execute(body);
  }
}
