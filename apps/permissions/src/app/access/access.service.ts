import { Injectable } from '@nestjs/common';
import { v7 as uuidv7 } from 'uuid';
import {
  BindingEndedV1,
  BindingGrantedV1,
  DomainError,
  ErrorCode,
  ROLE_DEFINITIONS,
  type BindingEndReason,
  type BindingOrigin,
  type EffectivePermission,
  type Role,
  type RoleBinding,
  type SubjectType,
} from '@gongkai/contracts';
import { emitEvent } from '@gongkai/messaging';
import { ApiClientsRepository } from '../api-clients/api-clients.repository';
import { DepartmentsRepository } from '../departments/departments.repository';
import { PeopleRepository } from '../people/people.repository';
import type { PermissionsTx } from '../prisma.service';
import type { Operation } from '../shared/operation';
import { BindingsRepository } from './bindings.repository';
import type { SubjectState } from './decision-rule';
import { toEffectivePermission } from './effective-permissions';

export interface GrantInput {
  subjectType: SubjectType;
  subjectId: string;
  role: Role;
  departmentId: string | null;
  validFrom?: string | Date | null;
  validTo?: string | Date | null;
}

export interface GrantWindow {
  validFrom: Date;
  validTo: Date | null;
}

export interface EndOptions {
  endReason: BindingEndReason;
  reason: string;
  identityChangeId?: string | null;
  reorganisationId?: string | null;
  /** When it stopped being in force; now unless it ran out earlier (expiry: its validTo). */
  endedAt?: Date;
}

const toDate = (value: string | Date) => (value instanceof Date ? value : new Date(value));

/**
 * Grants and ends role bindings: the one place that does, so every grant and end is validated,
 * emitted (binding.granted / binding.ended, once) and audited with the subject's effective
 * permissions before and after.
 */
@Injectable()
export class AccessService {
  constructor(
    private readonly bindingsRepository: BindingsRepository,
    private readonly departmentsRepository: DepartmentsRepository,
    private readonly peopleRepository: PeopleRepository,
    private readonly apiClientsRepository: ApiClientsRepository,
  ) {}

  async subjectState(
    tx: PermissionsTx,
    subjectType: SubjectType,
    subjectId: string,
  ): Promise<SubjectState | null> {
    if (subjectType === 'person') {
      const person = await this.peopleRepository.findById(tx, subjectId);
      return person ? { type: 'person', status: person.status } : null;
    }
    const client = await this.apiClientsRepository.findById(tx, subjectId);
    return client ? { type: 'client', status: client.status } : null;
  }

  /** What the subject may do now or later: its active bindings that have not run out. */
  async effectivePermissions(
    tx: PermissionsTx,
    subjectType: SubjectType,
    subjectId: string,
    at: Date,
  ): Promise<EffectivePermission[]> {
    return (await this.bindingsRepository.activeOf(tx, subjectType, subjectId, at)).map(
      toEffectivePermission,
    );
  }

  /**
   * Everything a new binding must satisfy: the role's scope rule, a window that is not over,
   * an existing active department, a subject that exists and may hold permissions, and no
   * binding already giving the same thing. Throws a typed error saying what to change.
   */
  async validateGrant(
    tx: PermissionsTx,
    operation: Operation,
    input: GrantInput,
    options: { allowOverlap?: boolean } = {},
  ): Promise<GrantWindow> {
    const definition = ROLE_DEFINITIONS[input.role];
    if (definition.departmentScoped && input.departmentId === null) {
      throw new DomainError(
        ErrorCode.VALIDATION_FAILED,
        `${input.role} is held in one department: give departmentId`,
        { role: input.role },
      );
    }
    if (!definition.departmentScoped && input.departmentId !== null) {
      throw new DomainError(
        ErrorCode.VALIDATION_FAILED,
        `${input.role} is school-wide: leave departmentId null`,
        { role: input.role, departmentId: input.departmentId },
      );
    }
    const window = this.window(operation, input);
    if (input.departmentId !== null) {
      const department = await this.departmentsRepository.findById(tx, input.departmentId);
      if (!department) {
        throw new DomainError(
          ErrorCode.NOT_FOUND,
          `Department ${input.departmentId} does not exist; pick one from GET /departments`,
          { departmentId: input.departmentId },
        );
      }
      if (department.status !== 'active') {
        throw new DomainError(
          ErrorCode.PRECONDITION_FAILED,
          `Department ${department.code} has been dissolved${department.successorId ? `; its successor is ${department.successorId}` : ''}`,
          { departmentId: department.id, successorId: department.successorId ?? null },
        );
      }
    }
    const subject = await this.subjectState(tx, input.subjectType, input.subjectId);
    if (!subject) {
      throw new DomainError(
        ErrorCode.NOT_FOUND,
        `${input.subjectType === 'person' ? 'Person' : 'API client'} ${input.subjectId} does not exist`,
        { subjectType: input.subjectType, subjectId: input.subjectId },
      );
    }
    if (subject.status === 'departed' || subject.status === 'revoked') {
      throw new DomainError(
        ErrorCode.PRECONDITION_FAILED,
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
        throw new DomainError(
          ErrorCode.CONFLICT,
          `The subject already holds ${input.role} ${input.departmentId ? `in department ${input.departmentId}` : 'school-wide'} in that window (binding ${existing.id}); end it first or pick another window`,
          { bindingId: existing.id },
        );
      }
    }
    return window;
  }

  /** validFrom defaults to now and is never earlier (a grant cannot rewrite the past); validTo must be later and still ahead. */
  window(operation: Operation, input: Pick<GrantInput, 'validFrom' | 'validTo'>): GrantWindow {
    const requestedFrom = input.validFrom ? toDate(input.validFrom) : operation.now;
    const validFrom = requestedFrom < operation.now ? operation.now : requestedFrom;
    const validTo = input.validTo ? toDate(input.validTo) : null;
    if (validTo && validTo <= operation.now) {
      throw new DomainError(
        ErrorCode.VALIDATION_FAILED,
        'validTo has already passed: the binding would never be in force; give a later validTo',
        { validTo: validTo.toISOString(), now: operation.now.toISOString() },
      );
    }
    if (validTo && validTo <= requestedFrom) {
      throw new DomainError(
        ErrorCode.VALIDATION_FAILED,
        'validTo must be after validFrom: the window is empty',
        { validFrom: requestedFrom.toISOString(), validTo: validTo.toISOString() },
      );
    }
    return { validFrom, validTo };
  }

  /** Grants a binding whose input was validated (validateGrant) by the caller. */
  async grant(
    tx: PermissionsTx,
    operation: Operation,
    input: GrantInput &
      GrantWindow & {
        origin: BindingOrigin;
        reason: string;
        requestId?: string | null;
        reorganisationId?: string | null;
      },
  ): Promise<RoleBinding> {
    const before = await this.effectivePermissions(tx, input.subjectType, input.subjectId, operation.now);
    const binding = await this.bindingsRepository.insert(tx, {
      id: uuidv7(),
      subjectType: input.subjectType,
      subjectId: input.subjectId,
      role: input.role,
      departmentId: input.departmentId,
      validFrom: input.validFrom,
      validTo: input.validTo,
      grantedBy: operation.actor,
      requestId: input.requestId ?? null,
      startAnnouncedAt: input.validFrom <= operation.now ? operation.now : null,
      createdAt: operation.now,
    });
    await emitEvent(
      tx,
      BindingGrantedV1,
      {
        bindingId: binding.id,
        subjectType: binding.subjectType,
        subjectId: binding.subjectId,
        role: binding.role,
        departmentId: binding.departmentId,
        validFrom: binding.validFrom,
        validTo: binding.validTo,
        origin: input.origin,
        requestId: binding.requestId,
        reorganisationId: input.reorganisationId ?? null,
      },
      operation.events(),
    );
    operation.audit({
      action: 'binding.granted',
      subjectType: binding.subjectType,
      subjectId: binding.subjectId,
      reason: input.reason,
      before,
      after: await this.effectivePermissions(tx, input.subjectType, input.subjectId, operation.now),
      details: { binding, origin: input.origin, reorganisationId: input.reorganisationId ?? null },
    });
    return binding;
  }

  /** Ends the binding once: null (and nothing emitted) when it had already ended. */
  async end(
    tx: PermissionsTx,
    operation: Operation,
    binding: RoleBinding,
    options: EndOptions,
  ): Promise<RoleBinding | null> {
    const before = await this.effectivePermissions(tx, binding.subjectType, binding.subjectId, operation.now);
    const ended = await this.bindingsRepository.end(tx, binding.id, {
      endedAt: options.endedAt ?? operation.now,
      endReason: options.endReason,
    });
    if (!ended) return null;
    await emitEvent(
      tx,
      BindingEndedV1,
      {
        bindingId: ended.id,
        subjectType: ended.subjectType,
        subjectId: ended.subjectId,
        role: ended.role,
        departmentId: ended.departmentId,
        validFrom: ended.validFrom,
        validTo: ended.validTo,
        endedAt: ended.endedAt ?? operation.now.toISOString(),
        endReason: options.endReason,
        identityChangeId: options.identityChangeId ?? null,
        reorganisationId: options.reorganisationId ?? null,
      },
      operation.events(),
    );
    operation.audit({
      action: 'binding.ended',
      subjectType: ended.subjectType,
      subjectId: ended.subjectId,
      reason: options.reason,
      before,
      after: await this.effectivePermissions(tx, ended.subjectType, ended.subjectId, operation.now),
      details: {
        binding: ended,
        endReason: options.endReason,
        identityChangeId: options.identityChangeId ?? null,
        reorganisationId: options.reorganisationId ?? null,
      },
    });
    return ended;
  }
}
