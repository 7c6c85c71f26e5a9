import { Controller } from '@nestjs/common';
import { ReportsRpc, type AnnualReport } from '@gongkai/contracts';
import { RpcHandler, type RpcRequest } from '@gongkai/messaging';
import { GetAnnualReportUseCase } from './get-annual-report.use-case';

@Controller()
export class GetAnnualReportHandler {
  constructor(private readonly getAnnualReportUseCase: GetAnnualReportUseCase) {}

  @RpcHandler(ReportsRpc.getAnnualReport)
  get({ body }: RpcRequest<typeof ReportsRpc.getAnnualReport>): Promise<AnnualReport> {
    return this.getAnnualReportUseCase.execute(body);
  }
}
