import { Controller } from '@nestjs/common';
import { v7 as uuidv7 } from 'uuid';
import { DomainError, ErrorCode, PermissionsRpc, type Department } from '@gongkai/contracts';
import { RpcHandler, type RpcRequest } from '@gongkai/messaging';
import { UnitOfWork } from '../../shared/unit-of-work';
import { DepartmentsService } from '../departments.service';
import { DepartmentsRepository } from '../departments.repository';
import { requireActiveDepartment } from '../department-guards';

@Controller()
export class CreateDepartmentHandler {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly departmentsRepository: DepartmentsRepository,
    private readonly departmentsService: DepartmentsService,
  ) {}

  @RpcHandler(PermissionsRpc.createDepartment)
  create(call: RpcRequest<typeof PermissionsRpc.createDepartment>): Promise<Department> {
    const { meta, body } = call;
    return this.unitOfWork.run(meta, async (tx, operation) => {
      if (await this.departmentsRepository.findByCode(tx, body.code)) {
        throw new DomainError(
          ErrorCode.CONFLICT,
          `A department with code ${body.code} already exists; choose another code`,
          { code: body.code },
        );
      }
      if (body.parentId) {
        await requireActiveDepartment(this.departmentsRepository, tx, body.parentId, 'Parent department');
      }
      return this.departmentsService.create(tx, operation, {
        id: uuidv7(),
        code: body.code,
        name: body.name,
        type: body.type,
        parentId: body.parentId ?? null,
      });
    });
  }
}
