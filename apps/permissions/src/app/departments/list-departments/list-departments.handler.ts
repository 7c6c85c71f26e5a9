import { Controller } from '@nestjs/common';
import { PermissionsRpc, type Department, type Page } from '@gongkai/contracts';
import { RpcHandler, type RpcRequest } from '@gongkai/messaging';
import { DepartmentsRepository } from '../departments.repository';

// Department ids are UUIDv7, so the cursor (the last id seen) orders by creation time.
@Controller()
export class ListDepartmentsHandler {
  constructor(private readonly departmentsRepository: DepartmentsRepository) {}

  @RpcHandler(PermissionsRpc.listDepartments)
  list(call: RpcRequest<typeof PermissionsRpc.listDepartments>): Promise<Page<Department>> {
    const { body } = call;
    return this.departmentsRepository.list(body);
  }
}
