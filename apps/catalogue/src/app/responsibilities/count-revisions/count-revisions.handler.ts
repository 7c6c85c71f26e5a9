import { Controller } from '@nestjs/common';
import { CatalogueRpc, type RevisionCount } from '@gongkai/contracts';
import { RpcHandler, type RpcRequest } from '@gongkai/messaging';
import { CountRevisionsUseCase } from './count-revisions.use-case';

@Controller()
export class CountRevisionsHandler {
  constructor(private readonly countRevisions: CountRevisionsUseCase) {}

  @RpcHandler(CatalogueRpc.countRevisions)
  count({ body }: RpcRequest<typeof CatalogueRpc.countRevisions>): Promise<RevisionCount> {
    return this.countRevisions.execute(body);
  }
}
