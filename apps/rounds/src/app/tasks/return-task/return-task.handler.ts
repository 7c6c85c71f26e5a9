import { Controller } from '@nestjs/common';
import { RoundsRpc, type Task } from '@gongkai/contracts';
import { RpcHandler, type RpcRequest } from '@gongkai/messaging';
import { ReturnTaskUseCase } from './return-task.use-case';

@Controller()
export class ReturnTaskHandler {
  constructor(private readonly returnTaskUseCase: ReturnTaskUseCase) {}

  // Decided by the gateway: rounds.task.approve, school-wide (the disclosure office).
  @RpcHandler(RoundsRpc.returnTask)
  returnTask({ meta, body }: RpcRequest<typeof RoundsRpc.returnTask>): Promise<Task> {
    return this.returnTaskUseCase.execute(body, meta);
  }
}
