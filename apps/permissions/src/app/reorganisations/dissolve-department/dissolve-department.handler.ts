import { Controller } from '@nestjs/common';
import { PermissionsRpc, type ReorganisationResult } from '@gongkai/contracts';
import { RpcHandler, type RpcRequest } from '@gongkai/messaging';
import { DissolveDepartmentUseCase } from './dissolve-department.use-case';

/** POST /reorganisations/dissolve. */
@Controller()
export class DissolveDepartmentHandler {
  constructor(private readonly dissolveDepartment: DissolveDepartmentUseCase) {}

  @RpcHandler(PermissionsRpc.dissolveDepartment)
  dissolve({
    meta,
    body,
  }: RpcRequest<typeof PermissionsRpc.dissolveDepartment>): Promise<ReorganisationResult> {
    return this.dissolveDepartment.execute(meta, body);
  }
}
