import { Controller } from '@nestjs/common';
import { CatalogueRpc, type CatalogueItem } from '@gongkai/contracts';
import { RpcHandler, type RpcRequest } from '@gongkai/messaging';
import { RecordChangeUseCase } from './record-change.use-case';
import { DecidesPermission } from '@gongkai/decisions';

@Controller()
export class RecordChangeHandler {
  constructor(private readonly recordChange: RecordChangeUseCase) {}

  @DecidesPermission()
  @RpcHandler(CatalogueRpc.recordChange)
  record({ meta, body }: RpcRequest<typeof CatalogueRpc.recordChange>): Promise<CatalogueItem> {
    return this.recordChange.execute(body, meta);
  }
}
