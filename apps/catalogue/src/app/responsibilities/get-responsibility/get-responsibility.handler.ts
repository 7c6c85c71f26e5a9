import { Controller } from '@nestjs/common';
import { CatalogueRpc, type ResponsibilityView } from '@gongkai/contracts';
import { RpcHandler, type RpcRequest } from '@gongkai/messaging';
import { GetResponsibilityUseCase } from './get-responsibility.use-case';

@Controller()
export class GetResponsibilityHandler {
  constructor(private readonly getResponsibility: GetResponsibilityUseCase) {}

  @RpcHandler(CatalogueRpc.getResponsibility)
  get({ body }: RpcRequest<typeof CatalogueRpc.getResponsibility>): Promise<ResponsibilityView> {
    return this.getResponsibility.execute(body);
  }
}
