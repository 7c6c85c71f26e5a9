import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { v7 as uuidv7 } from 'uuid';
import {
  CreateDepartmentSchema,
  DomainError,
  ErrorCode,
  PermissionsSubjects,
  type Department,
} from '@gongkai/contracts';
import { parseRequest } from '@gongkai/messaging';
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

  @MessagePattern(PermissionsSubjects.createDepartment)
  create(@Payload() payload: unknown): Promise<Department> {
    const { meta, body } = parseRequest(CreateDepartmentSchema, payload);
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
