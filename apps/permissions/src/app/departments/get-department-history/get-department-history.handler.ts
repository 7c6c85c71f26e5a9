import { Controller } from '@nestjs/common';
import {
  DomainError,
  PermissionsErrorReasons,
  PermissionsRpc,
  type DepartmentHistory,
} from '@gongkai/contracts';
import { RpcHandler, type RpcRequest } from '@gongkai/messaging';
import { DepartmentsRepository } from '../departments.repository';

/** GET /departments/{id}/history: every state it was in, oldest first. */
@Controller()
export class GetDepartmentHistoryHandler {
  constructor(private readonly departmentsRepository: DepartmentsRepository) {}

  @RpcHandler(PermissionsRpc.getDepartmentHistory)
  async history(call: RpcRequest<typeof PermissionsRpc.getDepartmentHistory>): Promise<DepartmentHistory> {
    const { body } = call;
    if (!(await this.departmentsRepository.get(body.id)))
      throw DomainError.because(
        PermissionsErrorReasons.DEPARTMENT_NOT_FOUND,
        `Department ${body.id} does not exist`,
        { id: body.id },
      );
    return { items: await this.departmentsRepository.history(body.id) };
  }
}
