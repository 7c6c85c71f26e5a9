import { Controller } from '@nestjs/common';
import { PermissionsRpc, type ReorganisationResult } from '@gongkai/contracts';
import { RpcHandler, type RpcRequest } from '@gongkai/messaging';
import { RenameDepartmentUseCase } from './rename-department.use-case';

/** POST /reorganisations/rename. */
@Controller()
export class RenameDepartmentHandler {
  constructor(private readonly renameDepartment: RenameDepartmentUseCase) {}

  @RpcHandler(PermissionsRpc.renameDepartment)
  rename({ meta, body }: RpcRequest<typeof PermissionsRpc.renameDepartment>): Promise<ReorganisationResult> {
    return this.renameDepartment.execute(meta, body);
  }
}
