import { Controller } from '@nestjs/common';
import { RoundsRpc, type Task } from '@gongkai/contracts';
import { RpcHandler, type RpcRequest } from '@gongkai/messaging';
import { GetTaskUseCase } from './get-task.use-case';

@Controller()
export class GetTaskHandler {
  constructor(private readonly getTaskUseCase: GetTaskUseCase) {}

  @RpcHandler(RoundsRpc.getTask)
  get({ meta, body }: RpcRequest<typeof RoundsRpc.getTask>): Promise<Task> {
    return this.getTaskUseCase.execute(body, meta);
  }
}
