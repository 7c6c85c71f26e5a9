import { Controller } from '@nestjs/common';
import { PermissionsRpc, type Department } from '@gongkai/contracts';
import { RpcHandler, type RpcRequest } from '@gongkai/messaging';
import { CreateDepartmentUseCase } from './create-department.use-case';

/** POST /departments. */
@Controller()
export class CreateDepartmentHandler {
  constructor(private readonly createDepartment: CreateDepartmentUseCase) {}

  @RpcHandler(PermissionsRpc.createDepartment)
  create({ meta, body }: RpcRequest<typeof PermissionsRpc.createDepartment>): Promise<Department> {
    return this.createDepartment.execute(meta, body);
  }
}
