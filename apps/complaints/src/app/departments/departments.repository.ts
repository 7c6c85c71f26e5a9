import { ComplaintsErrorReasons } from '@gongkai/contracts';
import { Injectable } from '@nestjs/common';
import type { ComplaintsTx } from '../prisma.service';
import { ComplaintsErrors } from '../shared/complaints.errors';

/**
 * Reads the service's own department projection (kept from permissions' events by
 * DepartmentProjectionModule): department ids are checked here, never in permissions' database.
 */
@Injectable()
export class DepartmentsRepository {
  async assertActive(
    tx: ComplaintsTx,
    fields: { path: (string | number)[]; departmentId: string }[],
  ): Promise<void> {
    const rows = await tx.departmentProjection.findMany({
      where: { id: { in: [...new Set(fields.map((field) => field.departmentId))] } },
      select: { id: true, name: true, status: true },
    });
    const known = new Map(rows.map((row) => [row.id, row]));
    for (const { path, departmentId } of fields) {
      const department = known.get(departmentId);
      if (!department || department.status !== 'active') {
        throw ComplaintsErrors.invalidField(
          ComplaintsErrorReasons.DEPARTMENT_UNKNOWN,
          path,
          department
            ? `Department ${department.name} (${departmentId}) is ${department.status}; name its successor instead`
            : `No department ${departmentId} is known to the complaints service; take the id from GET /departments`,
        );
      }
    }
  }
}
