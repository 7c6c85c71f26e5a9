import { Controller } from '@nestjs/common';
import { ComplaintsRpc } from '@gongkai/contracts';
import { RpcHandler, type RpcRequest } from '@gongkai/messaging';
import { ImportCityBatchUseCase } from './import-city-batch.use-case';

@Controller()
export class ImportCityBatchHandler {
  constructor(private readonly importCityBatch: ImportCityBatchUseCase) {}

  @RpcHandler(ComplaintsRpc.importCityBatch)
  import({ meta, body }: RpcRequest<typeof ComplaintsRpc.importCityBatch>) {
    return this.importCityBatch.execute(meta, body);
  }
}
