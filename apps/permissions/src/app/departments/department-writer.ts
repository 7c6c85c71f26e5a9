import { Injectable } from '@nestjs/common';
import { DepartmentCreatedV1, type Department } from '@gongkai/contracts';
import { emitEvent } from '@gongkai/messaging';
import type { PermissionsTx } from '../prisma.service';
import type { Operation } from '../shared/operation';
import { DepartmentsRepository, type NewDepartmentRow } from './departments.repository';

/**
 * Creates and changes departments with their history (a revision per state). Shared by the
 * department operations and the reorganisations.
 */
@Injectable()
export class DepartmentWriter {
  constructor(private readonly departmentsRepository: DepartmentsRepository) {}

  /** A new active department, with its first revision, department.created and its audit entry. */
  async create(
    tx: PermissionsTx,
    operation: Operation,
    input: NewDepartmentRow,
    options: { effectiveFrom?: Date; reorganisationId?: string; reason?: string } = {},
  ): Promise<Department> {
    const department = await this.departmentsRepository.insert(tx, input);
    await this.departmentsRepository.insertRevision(tx, department, {
      effectiveFrom: options.effectiveFrom ?? operation.now,
      reorganisationId: options.reorganisationId ?? null,
    });
    await emitEvent(
      tx,
      DepartmentCreatedV1,
      {
        departmentId: department.id,
        code: department.code,
        name: department.name,
        type: department.type,
        parentId: department.parentId,
        status: department.status,
      },
      operation.events(),
    );
    operation.audit({
      action: 'department.created',
      subjectType: 'department',
      subjectId: department.id,
      reason: options.reason ?? null,
      details: { department, reorganisationId: options.reorganisationId ?? null },
    });
    return department;
  }

  /**
   * Changes fields of an active department and records a revision. Used by PATCH (which emits
   * department.updated) and by reorganisations (whose own event describes the change).
   */
  async change(
    tx: PermissionsTx,
    department: Department,
    data: Parameters<DepartmentsRepository['update']>[2],
    options: { effectiveFrom: Date; reorganisationId?: string | null },
  ): Promise<Department> {
    const changed = await this.departmentsRepository.update(tx, department.id, data);
    await this.departmentsRepository.insertRevision(tx, changed, options);
    return changed;
  }
}
