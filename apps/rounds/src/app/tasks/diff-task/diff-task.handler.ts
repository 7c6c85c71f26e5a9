import { Controller } from '@nestjs/common';
import { RoundsRpc, type TaskDiff } from '@gongkai/contracts';
import { DecidesPermission } from '@gongkai/decisions';
import { RpcHandler, type RpcRequest } from '@gongkai/messaging';
import { DiffTaskUseCase } from './diff-task.use-case';

@Controller()
export class DiffTaskHandler {
  constructor(private readonly diffTaskUseCase: DiffTaskUseCase) {}

  // The gateway forwards undecided (departmentFrom: 'service'); TaskReaders decides for the task's department.
  @DecidesPermission()
  @RpcHandler(RoundsRpc.diffTask)
  diff({ meta, body }: RpcRequest<typeof RoundsRpc.diffTask>): Promise<TaskDiff> {
    return this.diffTaskUseCase.execute(body, meta);
  }
}
