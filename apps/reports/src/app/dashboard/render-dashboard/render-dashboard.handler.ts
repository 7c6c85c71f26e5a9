import { Controller } from '@nestjs/common';
import { ReportsRpc } from '@gongkai/contracts';
import { RpcHandler } from '@gongkai/messaging';
import { renderDashboardPage } from '../dashboard-page';
import { GetDashboardUseCase } from '../get-dashboard/get-dashboard.use-case';

@Controller()
export class RenderDashboardHandler {
  constructor(private readonly getDashboardUseCase: GetDashboardUseCase) {}

  @RpcHandler(ReportsRpc.renderDashboard)
  async render(): Promise<{ contentType: string; document: string }> {
    return {
      contentType: 'text/html; charset=utf-8',
      document: renderDashboardPage(await this.getDashboardUseCase.execute()),
    };
  }
}
