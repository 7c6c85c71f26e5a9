import { Controller } from '@nestjs/common';
import { CatalogueRpc, type CatalogueItem } from '@gongkai/contracts';
import { RpcHandler, type RpcRequest } from '@gongkai/messaging';
import { RecordChangeUseCase } from './record-change.use-case';

@Controller()
export class RecordChangeHandler {
  constructor(private readonly recordChange: RecordChangeUseCase) {}

  @RpcHandler(CatalogueRpc.recordChange)
  record({ meta, body }: RpcRequest<typeof CatalogueRpc.recordChange>): Promise<CatalogueItem> {
    return this.recordChange.execute(body, meta);
  }
}
