import { Controller } from '@nestjs/common';
import { DomainError, PermissionsErrorReasons, PermissionsRpc, type Department } from '@gongkai/contracts';
import { RpcHandler, type RpcRequest } from '@gongkai/messaging';
import { DepartmentsRepository } from '../departments.repository';

@Controller()
export class GetDepartmentHandler {
  constructor(private readonly departmentsRepository: DepartmentsRepository) {}

  @RpcHandler(PermissionsRpc.getDepartment)
  async get(call: RpcRequest<typeof PermissionsRpc.getDepartment>): Promise<Department> {
    const { body } = call;
    const department = await this.departmentsRepository.get(body.id);
    if (!department)
      throw DomainError.because(
        PermissionsErrorReasons.DEPARTMENT_NOT_FOUND,
        `Department ${body.id} does not exist`,
        { id: body.id },
      );
    return department;
  }
}
