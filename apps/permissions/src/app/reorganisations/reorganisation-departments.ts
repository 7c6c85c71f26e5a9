import { Injectable } from '@nestjs/common';
import { v7 as uuidv7 } from 'uuid';
import {
  DomainError,
  PermissionsErrorReasons,
  type Department,
  type NewDepartment,
} from '@gongkai/contracts';
import { assertActive, requireActiveDepartment } from '../departments/department-guards';
import { DepartmentWriter } from '../departments/department-writer';
import { DepartmentsRepository } from '../departments/departments.repository';
import type { PermissionsTx } from '../prisma.service';
import type { Operation } from '../shared/operation';
import type { ReorganisationRun } from './reorganisation-run';

const notFound = (id: string) =>
  DomainError.because(
    PermissionsErrorReasons.DEPARTMENT_NOT_FOUND,
    `Department ${id} does not exist; pick one from GET /departments`,
    {
      departmentId: id,
    },
  );

/**
 * The departments a reorganisation works on: locked and required active, new ones created in it,
 * old ones dissolved by it, each change a revision dated by the reorganisation.
 */
@Injectable()
export class ReorganisationDepartments {
  constructor(
    private readonly departmentsRepository: DepartmentsRepository,
    private readonly departmentWriter: DepartmentWriter,
  ) {}

  async lockActive(tx: PermissionsTx, id: string): Promise<Department> {
    const department = (await this.departmentsRepository.lockMany(tx, [id])).get(id);
    if (!department) throw notFound(id);
    assertActive(department);
    return department;
  }

  async lockAllActive(tx: PermissionsTx, ids: string[]): Promise<Department[]> {
    const locked = await this.departmentsRepository.lockMany(tx, ids);
    return ids.map((id) => {
      const department = locked.get(id);
      if (!department) throw notFound(id);
      assertActive(department);
      return department;
    });
  }

  /** A successor under the department it succeeds would hang from a dissolved department. */
  async refuseDescendant(
    tx: PermissionsTx,
    department: Department,
    ancestorsToAvoid: string[],
  ): Promise<void> {
    const ancestors = await this.departmentsRepository.ancestorIdsOf(tx, department.id);
    const under = ancestors.find((id) => ancestorsToAvoid.includes(id));
    if (under) {
      throw DomainError.because(
        PermissionsErrorReasons.SUCCESSOR_UNDER_SOURCE,
        `Department ${department.code} lies under ${under}, which this reorganisation dissolves; move it first (PATCH /departments/{id})`,
        { departmentId: department.id, under },
      );
    }
  }

  /**
   * A department the reorganisation creates (a merge's new target, a split's parts): under the
   * parent its spec names, or else `defaultParentId`, never under one of `goingAway`.
   */
  async create(
    tx: PermissionsTx,
    operation: Operation,
    run: ReorganisationRun,
    target: { spec: NewDepartment; defaultParentId: string | null; goingAway: string[] },
  ): Promise<Department> {
    const { spec, defaultParentId, goingAway } = target;
    if (await this.departmentsRepository.findByCode(tx, spec.code)) {
      throw DomainError.because(
        PermissionsErrorReasons.DEPARTMENT_CODE_TAKEN,
        `A department with code ${spec.code} already exists; choose another code`,
        {
          code: spec.code,
        },
      );
    }
    const parentId = spec.parentId === undefined ? defaultParentId : spec.parentId;
    if (parentId !== null) {
      if (goingAway.includes(parentId)) {
        throw DomainError.because(
          PermissionsErrorReasons.REORGANISATION_INVALID,
          `The new department ${spec.code} cannot sit under a department this reorganisation dissolves`,
          { parentId },
        );
      }
      await requireActiveDepartment(this.departmentsRepository, tx, parentId, 'Parent department');
    }
    return this.departmentWriter.create(
      tx,
      operation,
      { id: uuidv7(), code: spec.code, name: spec.name, type: spec.type, parentId },
      { effectiveFrom: run.effectiveFrom, reorganisationId: run.id, reason: run.reason },
    );
  }

  /** Changes the department's name or parent, as of the reorganisation's effective date. */
  change(
    tx: PermissionsTx,
    run: ReorganisationRun,
    department: Department,
    data: { name: string } | { parentId: string },
  ): Promise<Department> {
    return this.departmentWriter.change(tx, department, data, run.revision());
  }

  dissolve(
    tx: PermissionsTx,
    run: ReorganisationRun,
    department: Department,
    successorId: string | null,
  ): Promise<Department> {
    return this.departmentWriter.change(
      tx,
      department,
      { status: 'dissolved', successorId, dissolvedAt: run.effectiveFrom },
      run.revision(),
    );
  }
}
