import { Controller } from '@nestjs/common';
import { CatalogueRpc, type Publication } from '@gongkai/contracts';
import { RpcHandler, type RpcRequest } from '@gongkai/messaging';
import { WithdrawPublicationUseCase } from './withdraw-publication.use-case';
import { DecidesPermission } from '@gongkai/decisions';

@Controller()
export class WithdrawPublicationHandler {
  constructor(private readonly withdrawPublication: WithdrawPublicationUseCase) {}

  @DecidesPermission()
  @RpcHandler(CatalogueRpc.withdrawPublication)
  withdraw({ meta, body }: RpcRequest<typeof CatalogueRpc.withdrawPublication>): Promise<Publication> {
    return this.withdrawPublication.execute(body, meta);
  }
}
