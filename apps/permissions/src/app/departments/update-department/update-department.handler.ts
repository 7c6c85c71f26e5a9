import { Controller } from '@nestjs/common';
import { PermissionsRpc, type Department } from '@gongkai/contracts';
import { RpcHandler, type RpcRequest } from '@gongkai/messaging';
import { UpdateDepartmentUseCase } from './update-department.use-case';

/** PATCH /departments/{id}: rename in place and/or move under another parent; never into a cycle. */
@Controller()
export class UpdateDepartmentHandler {
  constructor(private readonly updateDepartment: UpdateDepartmentUseCase) {}

  @RpcHandler(PermissionsRpc.updateDepartment)
  update({ meta, body }: RpcRequest<typeof PermissionsRpc.updateDepartment>): Promise<Department> {
    return this.updateDepartment.execute(meta, body);
  }
}
