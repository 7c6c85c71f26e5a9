import { Controller } from '@nestjs/common';
import { ReportsRpc, type ProjectionStatus } from '@gongkai/contracts';
import { RpcHandler } from '@gongkai/messaging';
import { RebuildProjectionsUseCase } from './rebuild-projections.use-case';

@Controller()
export class RebuildProjectionsHandler {
  constructor(private readonly rebuildProjectionsUseCase: RebuildProjectionsUseCase) {}

  @RpcHandler(ReportsRpc.rebuild)
  rebuild(): Promise<ProjectionStatus> {
    return this.rebuildProjectionsUseCase.execute();
  }
}
