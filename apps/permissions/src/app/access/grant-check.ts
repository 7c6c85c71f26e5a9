import { Injectable } from '@nestjs/common';
import { DomainError, PermissionsErrorReasons } from '@gongkai/contracts';
import { DepartmentsRepository } from '../departments/departments.repository';
import type { PermissionsTx } from '../prisma.service';
import type { Operation } from '../shared/operation';
import { BindingsRepository } from './bindings.repository';
import { assertRoleScope, grantWindow, type GrantInput, type GrantWindow } from './grant-rules';
import { SubjectStates } from './subject-states';

/**
 * Everything a new binding must satisfy, for a direct grant, an approved request and a request
 * being opened alike.
 */
@Injectable()
export class GrantCheck {
  constructor(
    private readonly bindingsRepository: BindingsRepository,
    private readonly departmentsRepository: DepartmentsRepository,
    private readonly subjectStates: SubjectStates,
  ) {}

  /**
   * The role's scope rule, a window that is not over, an existing active department, a subject
   * that exists and may hold permissions, and no binding already giving the same thing. Throws a
   * typed error saying what to change.
   */
  async validate(
    tx: PermissionsTx,
    operation: Operation,
    input: GrantInput,
    options: { allowOverlap?: boolean } = {},
  ): Promise<GrantWindow> {
    assertRoleScope(input);
    const window = grantWindow(operation.now, input);
    if (input.departmentId !== null) {
      const department = await this.departmentsRepository.findById(tx, input.departmentId);
      if (!department) {
        throw DomainError.because(
          PermissionsErrorReasons.DEPARTMENT_NOT_FOUND,
          `Department ${input.departmentId} does not exist; pick one from GET /departments`,
          { departmentId: input.departmentId },
        );
      }
      if (department.status !== 'active') {
        throw DomainError.because(
          PermissionsErrorReasons.DEPARTMENT_DISSOLVED,
          `Department ${department.code} has been dissolved${department.successorId ? `; its successor is ${department.successorId}` : ''}`,
          { departmentId: department.id, successorId: department.successorId ?? null },
        );
      }
    }
    const subject = await this.subjectStates.of(tx, input.subjectType, input.subjectId);
    if (!subject) {
      throw DomainError.because(
        PermissionsErrorReasons.SUBJECT_NOT_FOUND,
        `${input.subjectType === 'person' ? 'Person' : 'API client'} ${input.subjectId} does not exist`,
        { subjectType: input.subjectType, subjectId: input.subjectId },
      );
    }
    if (subject.status === 'departed' || subject.status === 'revoked') {
      throw DomainError.because(
        PermissionsErrorReasons.SUBJECT_INACTIVE,
        subject.status === 'departed'
          ? 'The person has departed and can hold no permissions; record a join first'
          : 'The API client has been revoked and can hold no permissions; create a new client',
        { subjectType: input.subjectType, subjectId: input.subjectId, status: subject.status },
      );
    }
    if (!options.allowOverlap) {
      const existing = await this.bindingsRepository.findOverlapping(tx, {
        subjectType: input.subjectType,
        subjectId: input.subjectId,
        role: input.role,
        departmentId: input.departmentId,
        ...window,
      });
      if (existing) {
        throw DomainError.because(
          PermissionsErrorReasons.ROLE_ALREADY_HELD,
          `The subject already holds ${input.role} ${input.departmentId ? `in department ${input.departmentId}` : 'school-wide'} in that window (binding ${existing.id}); end it first or pick another window`,
          { bindingId: existing.id },
        );
      }
    }
    return window;
  }
}
