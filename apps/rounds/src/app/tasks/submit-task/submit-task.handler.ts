import { Controller } from '@nestjs/common';
import { RoundsRpc, type Task } from '@gongkai/contracts';
import { DecidesPermission } from '@gongkai/decisions';
import { RpcHandler, type RpcRequest } from '@gongkai/messaging';
import { SubmitTaskUseCase } from './submit-task.use-case';

@Controller()
export class SubmitTaskHandler {
  constructor(private readonly submitTaskUseCase: SubmitTaskUseCase) {}

  // The gateway forwards undecided (departmentFrom: 'service'); the use case decides for the task's department.
  @DecidesPermission()
  @RpcHandler(RoundsRpc.submitTask)
  submit({ meta, body }: RpcRequest<typeof RoundsRpc.submitTask>): Promise<Task> {
    return this.submitTaskUseCase.execute(body, meta);
  }
}
