import { Controller } from '@nestjs/common';
import { CatalogueRpc, type ResponsibilityRevision } from '@gongkai/contracts';
import { RpcHandler, type RpcRequest } from '@gongkai/messaging';
import { ReviseResponsibilityUseCase } from './revise-responsibility.use-case';

@Controller()
export class ReviseResponsibilityHandler {
  constructor(private readonly reviseResponsibility: ReviseResponsibilityUseCase) {}

  @RpcHandler(CatalogueRpc.reviseResponsibility)
  revise({
    meta,
    body,
  }: RpcRequest<typeof CatalogueRpc.reviseResponsibility>): Promise<ResponsibilityRevision> {
    return this.reviseResponsibility.execute(body, meta);
  }
}
