import { Controller } from '@nestjs/common';
import { RoundsRpc, type Task } from '@gongkai/contracts';
import { RpcHandler, type RpcRequest } from '@gongkai/messaging';
import { ApproveTaskUseCase } from './approve-task.use-case';

@Controller()
export class ApproveTaskHandler {
  constructor(private readonly approveTaskUseCase: ApproveTaskUseCase) {}

  // Decided by the gateway: rounds.task.approve, school-wide (the disclosure office).
  @RpcHandler(RoundsRpc.approveTask)
  approve({ meta, body }: RpcRequest<typeof RoundsRpc.approveTask>): Promise<Task> {
    return this.approveTaskUseCase.execute(body, meta);
  }
}
