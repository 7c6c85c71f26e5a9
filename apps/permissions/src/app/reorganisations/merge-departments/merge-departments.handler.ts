import { Controller } from '@nestjs/common';
import { PermissionsRpc, type ReorganisationResult } from '@gongkai/contracts';
import { RpcHandler, type RpcRequest } from '@gongkai/messaging';
import { MergeDepartmentsUseCase } from './merge-departments.use-case';

/** POST /reorganisations/merge. */
@Controller()
export class MergeDepartmentsHandler {
  constructor(private readonly mergeDepartments: MergeDepartmentsUseCase) {}

  @RpcHandler(PermissionsRpc.mergeDepartments)
  merge({ meta, body }: RpcRequest<typeof PermissionsRpc.mergeDepartments>): Promise<ReorganisationResult> {
    return this.mergeDepartments.execute(meta, body);
  }
}
