import { Injectable } from '@nestjs/common';
import { v7 as uuidv7 } from 'uuid';
import {
  DomainError,
  PermissionsErrorReasons,
  type CreateDepartment,
  type Department,
  type RequestMeta,
} from '@gongkai/contracts';
import { UnitOfWork } from '../../shared/unit-of-work';
import { requireActiveDepartment } from '../department-guards';
import { DepartmentWriter } from '../department-writer';
import { DepartmentsRepository } from '../departments.repository';

/** A new department under an active parent (or at the top), with a code nobody else has. */
@Injectable()
export class CreateDepartmentUseCase {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly departmentsRepository: DepartmentsRepository,
    private readonly departmentWriter: DepartmentWriter,
  ) {}

  execute(meta: RequestMeta, body: CreateDepartment): Promise<Department> {
    return this.unitOfWork.run(meta, async (tx, operation) => {
      if (await this.departmentsRepository.findByCode(tx, body.code)) {
        throw DomainError.because(
          PermissionsErrorReasons.DEPARTMENT_CODE_TAKEN,
          `A department with code ${body.code} already exists; choose another code`,
          { code: body.code },
        );
      }
      if (body.parentId) {
        await requireActiveDepartment(this.departmentsRepository, tx, body.parentId, 'Parent department');
      }
      return this.departmentWriter.create(tx, operation, {
        id: uuidv7(),
        code: body.code,
        name: body.name,
        type: body.type,
        parentId: body.parentId ?? null,
      });
    });
  }
}
