import { Controller } from '@nestjs/common';
import { CatalogueRpc, type OverdueReport } from '@gongkai/contracts';
import { RpcHandler, type RpcRequest } from '@gongkai/messaging';
import { ListOverdueUseCase } from './list-overdue.use-case';

@Controller()
export class ListOverdueHandler {
  constructor(private readonly listOverdue: ListOverdueUseCase) {}

  @RpcHandler(CatalogueRpc.listOverdue)
  list({ body }: RpcRequest<typeof CatalogueRpc.listOverdue>): Promise<OverdueReport> {
    return this.listOverdue.execute(body);
  }
}
