import { Controller } from '@nestjs/common';
import { RoundsRpc, type Page, type Task } from '@gongkai/contracts';
import { RpcHandler, type RpcRequest } from '@gongkai/messaging';
import { ListTasksUseCase } from './list-tasks.use-case';

@Controller()
export class ListTasksHandler {
  constructor(private readonly listTasksUseCase: ListTasksUseCase) {}

  @RpcHandler(RoundsRpc.listTasks)
  list({ meta, body }: RpcRequest<typeof RoundsRpc.listTasks>): Promise<Page<Task>> {
    return this.listTasksUseCase.execute(body, meta);
  }
}
