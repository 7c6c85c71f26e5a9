import { DomainError, PermissionsErrorReasons, type Department } from '@gongkai/contracts';
import type { PermissionsTx } from '../prisma.service';
import type { DepartmentsRepository } from './departments.repository';

/** The department, which must exist and be active; typed errors say what to do otherwise. */
export async function requireActiveDepartment(
  departmentsRepository: DepartmentsRepository,
  tx: PermissionsTx,
  id: string,
  role = 'Department',
): Promise<Department> {
  const department = await departmentsRepository.findById(tx, id);
  if (!department) {
    throw DomainError.because(
      PermissionsErrorReasons.DEPARTMENT_NOT_FOUND,
      `${role} ${id} does not exist; pick one from GET /departments`,
      {
        departmentId: id,
      },
    );
  }
  assertActive(department, role);
  return department;
}

export function assertActive(department: Department, role = 'Department'): void {
  if (department.status !== 'active') {
    throw DomainError.because(
      PermissionsErrorReasons.DEPARTMENT_DISSOLVED,
      `${role} ${department.code} has been dissolved${department.successorId ? `; use its successor ${department.successorId}` : ''}`,
      { departmentId: department.id, successorId: department.successorId ?? null },
    );
  }
}
