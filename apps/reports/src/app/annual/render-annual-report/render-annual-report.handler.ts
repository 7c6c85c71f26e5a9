import { Controller } from '@nestjs/common';
import { ReportsRpc, type RenderedReport } from '@gongkai/contracts';
import { RpcHandler, type RpcRequest } from '@gongkai/messaging';
import { RenderAnnualReportUseCase } from './render-annual-report.use-case';

@Controller()
export class RenderAnnualReportHandler {
  constructor(private readonly renderAnnualReportUseCase: RenderAnnualReportUseCase) {}

  @RpcHandler(ReportsRpc.renderAnnualReport)
  render({ body }: RpcRequest<typeof ReportsRpc.renderAnnualReport>): Promise<RenderedReport> {
    return this.renderAnnualReportUseCase.execute(body);
  }
}
