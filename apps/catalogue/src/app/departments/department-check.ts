import { Injectable } from '@nestjs/common';
import { CatalogueErrorReasons } from '@gongkai/contracts';
import type { CatalogueTx } from '../prisma.service';
import { CatalogueErrors } from '../shared/catalogue.errors';
import { DepartmentsRepository } from './departments.repository';

/** Refuses department ids the catalogue does not know as active departments (400 naming the field). */
@Injectable()
export class DepartmentCheck {
  constructor(private readonly departmentsRepository: DepartmentsRepository) {}

  async assertActive(
    tx: CatalogueTx,
    fields: { path: (string | number)[]; departmentId: string }[],
  ): Promise<void> {
    const known = await this.departmentsRepository.findByIds(
      tx,
      fields.map((field) => field.departmentId),
    );
    for (const { path, departmentId } of fields) {
      const department = known.get(departmentId);
      if (!department) {
        throw CatalogueErrors.invalidField(
          CatalogueErrorReasons.UNKNOWN_REFERENCE,
          path,
          `No department ${departmentId} is known to the catalogue; take the id from GET /departments`,
        );
      }
      if (department.status !== 'active') {
        throw CatalogueErrors.invalidField(
          CatalogueErrorReasons.UNKNOWN_REFERENCE,
          path,
          `Department ${department.name} (${departmentId}) is ${department.status}; name its successor instead`,
        );
      }
    }
  }

  /** The lead at `leadPath`, the co-operating departments at `coPath/<index>`. */
  responsibilityFields(
    leadDepartmentId: string,
    coDepartmentIds: readonly string[],
    prefix: (string | number)[] = [],
  ): { path: (string | number)[]; departmentId: string }[] {
    return [
      { path: [...prefix, 'leadDepartmentId'], departmentId: leadDepartmentId },
      ...coDepartmentIds.map((departmentId, index) => ({
        path: [...prefix, 'coDepartmentIds', index],
        departmentId,
      })),
    ];
  }
}
