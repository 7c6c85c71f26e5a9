import { Controller } from '@nestjs/common';
import { ReportsRpc, type ProjectionStatus } from '@gongkai/contracts';
import { RpcHandler } from '@gongkai/messaging';
import { RebuildProjectionsUseCase } from '../rebuild-projections/rebuild-projections.use-case';

@Controller()
export class ProjectionStatusHandler {
  constructor(private readonly rebuildProjectionsUseCase: RebuildProjectionsUseCase) {}

  @RpcHandler(ReportsRpc.status)
  status(): Promise<ProjectionStatus> {
    return this.rebuildProjectionsUseCase.status();
  }
}
