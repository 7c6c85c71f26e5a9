import { Controller } from '@nestjs/common';
import { PermissionsRpc, type ReorganisationResult } from '@gongkai/contracts';
import { RpcHandler, type RpcRequest } from '@gongkai/messaging';
import { SplitDepartmentUseCase } from './split-department.use-case';

/** POST /reorganisations/split. */
@Controller()
export class SplitDepartmentHandler {
  constructor(private readonly splitDepartment: SplitDepartmentUseCase) {}

  @RpcHandler(PermissionsRpc.splitDepartment)
  split({ meta, body }: RpcRequest<typeof PermissionsRpc.splitDepartment>): Promise<ReorganisationResult> {
    return this.splitDepartment.execute(meta, body);
  }
}
