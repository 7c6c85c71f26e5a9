import { Controller } from '@nestjs/common';
import { RoundsRpc, type Task } from '@gongkai/contracts';
import { DecidesPermission } from '@gongkai/decisions';
import { RpcHandler, type RpcRequest } from '@gongkai/messaging';
import { ReviewTaskUseCase } from './review-task.use-case';

@Controller()
export class ReviewTaskHandler {
  constructor(private readonly reviewTaskUseCase: ReviewTaskUseCase) {}

  // The gateway forwards undecided (departmentFrom: 'service'); the use case decides for the task's department.
  @DecidesPermission()
  @RpcHandler(RoundsRpc.reviewTask)
  review({ meta, body }: RpcRequest<typeof RoundsRpc.reviewTask>): Promise<Task> {
    return this.reviewTaskUseCase.execute(body, meta);
  }
}
