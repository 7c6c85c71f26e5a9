import { Controller } from '@nestjs/common';
import { ComplaintsRpc } from '@gongkai/contracts';
import { RpcHandler, type RpcRequest } from '@gongkai/messaging';
import { GetCaseUseCase } from './get-case.use-case';

@Controller()
export class GetCaseHandler {
  constructor(private readonly getCase: GetCaseUseCase) {}

  /** The gateway forwards undecided (departmentFrom: 'service'): the use case decides. */
  @RpcHandler(ComplaintsRpc.getCase)
  get({ meta, body }: RpcRequest<typeof ComplaintsRpc.getCase>) {
    return this.getCase.execute(meta, body.caseId);
  }
}
