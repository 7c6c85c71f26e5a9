import { Controller } from '@nestjs/common';
import { ReportsRpc, type Dashboard } from '@gongkai/contracts';
import { RpcHandler } from '@gongkai/messaging';
import { GetDashboardUseCase } from './get-dashboard.use-case';

@Controller()
export class GetDashboardHandler {
  constructor(private readonly getDashboardUseCase: GetDashboardUseCase) {}

  @RpcHandler(ReportsRpc.getDashboard)
  get(): Promise<Dashboard> {
    return this.getDashboardUseCase.execute();
  }
}
