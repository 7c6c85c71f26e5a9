import { Controller } from '@nestjs/common';
import { ReportsRpc, type ProblemsTextHistory } from '@gongkai/contracts';
import { RpcHandler, type RpcRequest } from '@gongkai/messaging';
import { PutProblemsTextUseCase } from './put-problems-text.use-case';

@Controller()
export class PutProblemsTextHandler {
  constructor(private readonly putProblemsTextUseCase: PutProblemsTextUseCase) {}

  // Decided by the gateway: reports.edit, school-wide (the disclosure office).
  @RpcHandler(ReportsRpc.putProblemsText)
  put({ meta, body }: RpcRequest<typeof ReportsRpc.putProblemsText>): Promise<ProblemsTextHistory> {
    return this.putProblemsTextUseCase.execute(body, meta);
  }
}
