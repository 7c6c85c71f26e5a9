import { Injectable } from '@nestjs/common';
import {
  DepartmentUpdatedV1,
  DomainError,
  PermissionsErrorReasons,
  type Department,
  type RequestMeta,
  type UpdateDepartment,
} from '@gongkai/contracts';
import { emitEvent } from '@gongkai/messaging';
import { UnitOfWork } from '../../shared/unit-of-work';
import { assertActive, requireActiveDepartment } from '../department-guards';
import { DepartmentWriter } from '../department-writer';
import { DepartmentsRepository } from '../departments.repository';

/** Renames an active department in place and/or moves it under another parent; never into a cycle. */
@Injectable()
export class UpdateDepartmentUseCase {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly departmentsRepository: DepartmentsRepository,
    private readonly departmentWriter: DepartmentWriter,
  ) {}

  execute(meta: RequestMeta, body: UpdateDepartment): Promise<Department> {
    return this.unitOfWork.run(meta, async (tx, operation) => {
      const department = (await this.departmentsRepository.lockMany(tx, [body.id])).get(body.id);
      if (!department)
        throw DomainError.because(
          PermissionsErrorReasons.DEPARTMENT_NOT_FOUND,
          `Department ${body.id} does not exist`,
          { id: body.id },
        );
      assertActive(department);
      if (body.parentId) {
        await requireActiveDepartment(this.departmentsRepository, tx, body.parentId, 'Parent department');
        // Lock the whole tree's shape: two concurrent moves could otherwise each pass this check and form a loop.
        await this.departmentsRepository.lockTree(tx);
        const ancestors = await this.departmentsRepository.ancestorIdsOf(tx, body.parentId);
        if (body.parentId === department.id || ancestors.includes(department.id)) {
          throw DomainError.because(
            PermissionsErrorReasons.DEPARTMENT_CYCLE,
            `Department ${department.code} cannot move under ${body.parentId}: that is the department itself or one of its descendants, and the tree would get a cycle`,
            { id: department.id, parentId: body.parentId, path: [body.parentId, ...ancestors] },
          );
        }
      }
      const changed = await this.departmentWriter.change(
        tx,
        department,
        {
          ...(body.name !== undefined ? { name: body.name } : {}),
          ...(body.parentId !== undefined ? { parentId: body.parentId } : {}),
        },
        { effectiveFrom: operation.now },
      );
      await emitEvent(
        tx,
        DepartmentUpdatedV1,
        {
          departmentId: changed.id,
          code: changed.code,
          name: changed.name,
          type: changed.type,
          parentId: changed.parentId,
          status: changed.status,
          previousName: department.name,
          previousParentId: department.parentId,
          reason: body.reason ?? null,
          affectedDepartmentIds: [changed.id],
        },
        operation.events(),
      );
      operation.audit({
        action: 'department.updated',
        subjectType: 'department',
        subjectId: changed.id,
        reason: body.reason ?? null,
        before: department,
        after: changed,
      });
      return changed;
    });
  }
}
