import { Controller } from '@nestjs/common';
import { ComplaintsRpc } from '@gongkai/contracts';
import { RpcHandler, type RpcRequest } from '@gongkai/messaging';
import { CreateCaseUseCase } from './create-case.use-case';

@Controller()
export class CreateCaseHandler {
  constructor(private readonly createCase: CreateCaseUseCase) {}

  @RpcHandler(ComplaintsRpc.createCase)
  create({ meta, body }: RpcRequest<typeof ComplaintsRpc.createCase>) {
    return this.createCase.execute(meta, body);
  }
}
