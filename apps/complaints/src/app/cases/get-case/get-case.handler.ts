import { Controller } from '@nestjs/common';
import { ComplaintsRpc } from '@gongkai/contracts';
import { DecidesPermission } from '@gongkai/decisions';
import { RpcHandler, type RpcRequest } from '@gongkai/messaging';
import { GetCaseUseCase } from './get-case.use-case';

@Controller()
export class GetCaseHandler {
  constructor(private readonly getCase: GetCaseUseCase) {}

  /** The gateway forwards undecided (departmentFrom: 'service'): the use case decides. */
  @DecidesPermission()
  @RpcHandler(ComplaintsRpc.getCase)
  get({ meta, body }: RpcRequest<typeof ComplaintsRpc.getCase>) {
    return this.getCase.execute(meta, body.caseId);
  }
}
