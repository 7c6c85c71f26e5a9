import { Injectable } from '@nestjs/common';
import { v7 as uuidv7 } from 'uuid';
import {
  DomainError,
  ErrorCode,
  PersonIdentityChangedV1,
  ROLE_DEFINITIONS,
  type EndedBindingRef,
  type IdentityChange,
  type IdentityChangeResult,
  type MovedBinding,
  type OpenedRequestRef,
  type Person,
  type PersonStatus,
  type RecordIdentityChange,
  type RoleBinding,
} from '@gongkai/contracts';
import { emitEvent } from '@gongkai/messaging';
import { AccessService } from '../access/access.service';
import { BindingsRepository } from '../access/bindings.repository';
import { requireActiveDepartment } from '../departments/department-guards';
import { DepartmentsRepository } from '../departments/departments.repository';
import type { PermissionsTx } from '../prisma.service';
import { RequestsRepository } from '../requests/requests.repository';
import { RequestsService } from '../requests/requests.service';
import type { Operation } from '../shared/operation';
import { PeopleRepository } from './people.repository';

const endedRef = (binding: RoleBinding): EndedBindingRef => ({
  bindingId: binding.id,
  subjectType: binding.subjectType,
  subjectId: binding.subjectId,
  role: binding.role,
  departmentId: binding.departmentId,
});

interface Outcome {
  person: Person;
  endedBindings: EndedBindingRef[];
  openedRequests: OpenedRequestRef[];
  cancelledRequestIds: string[];
}

/**
 * Identity changes (人员身份变更) and what they do to permissions: a transfer ends the bindings
 * scoped to the old department and opens requests for the new one; departing ends everything at
 * once; leave suspends every decision (bindings stay). Each change is one identity_change row, one
 * person.identity-changed event and audit entries with the effective permissions before and after.
 */
@Injectable()
export class IdentityChangesService {
  constructor(
    private readonly peopleRepository: PeopleRepository,
    private readonly departmentsRepository: DepartmentsRepository,
    private readonly bindingsRepository: BindingsRepository,
    private readonly requestsRepository: RequestsRepository,
    private readonly accessService: AccessService,
    private readonly requestsService: RequestsService,
  ) {}

  async record(
    tx: PermissionsTx,
    operation: Operation,
    input: RecordIdentityChange,
  ): Promise<IdentityChangeResult> {
    const person = await this.peopleRepository.lock(tx, input.personId);
    if (!person) {
      throw new DomainError(ErrorCode.NOT_FOUND, `Person ${input.personId} does not exist`, {
        personId: input.personId,
      });
    }
    const occurredAt = operation.businessTime(input.occurredAt);
    const changeId = uuidv7();
    const before = await this.accessService.effectivePermissions(tx, 'person', person.id, operation.now);
    const reason = input.reason ?? null;
    let outcome: Outcome;
    let toDepartmentId: string | null = null;
    switch (input.kind) {
      case 'join':
        this.requireStatus(person, ['departed'], 'join (re-join after departing)');
        await requireActiveDepartment(this.departmentsRepository, tx, input.toDepartmentId, 'Department');
        toDepartmentId = input.toDepartmentId;
        outcome = this.unchanged(
          await this.peopleRepository.update(tx, person.id, {
            departmentId: input.toDepartmentId,
            status: 'active',
            ...(input.post !== undefined ? { post: input.post } : {}),
          }),
        );
        break;
      case 'transfer':
        this.requireStatus(person, ['active', 'on_leave'], 'transfer');
        if (input.toDepartmentId === person.departmentId) {
          throw new DomainError(
            ErrorCode.VALIDATION_FAILED,
            'The person already belongs to that department; give the department they move to',
            { departmentId: person.departmentId },
          );
        }
        await requireActiveDepartment(this.departmentsRepository, tx, input.toDepartmentId, 'Department');
        toDepartmentId = input.toDepartmentId;
        outcome = await this.transfer(tx, operation, {
          person,
          toDepartmentId: input.toDepartmentId,
          post: input.post,
          changeId,
          reason,
        });
        break;
      case 'post_change':
        this.requireStatus(person, ['active', 'on_leave'], 'change of post');
        outcome = this.unchanged(await this.peopleRepository.update(tx, person.id, { post: input.post }));
        break;
      case 'leave':
        this.requireStatus(person, ['active'], 'leave');
        outcome = this.unchanged(await this.peopleRepository.update(tx, person.id, { status: 'on_leave' }));
        break;
      case 'return':
        this.requireStatus(person, ['on_leave'], 'return');
        outcome = this.unchanged(await this.peopleRepository.update(tx, person.id, { status: 'active' }));
        break;
      case 'depart':
        this.requireStatus(person, ['active', 'on_leave'], 'departure');
        outcome = await this.depart(tx, operation, { person, changeId, reason });
        break;
    }
    const change = await this.peopleRepository.insertIdentityChange(tx, {
      id: changeId,
      personId: person.id,
      kind: input.kind,
      fromDepartmentId: person.departmentId,
      toDepartmentId: toDepartmentId ?? outcome.person.departmentId,
      fromPost: person.post,
      toPost: outcome.person.post,
      fromStatus: person.status,
      toStatus: outcome.person.status,
      occurredAt,
      reason,
      actor: operation.actor,
    });
    await this.announce(tx, operation, { change, reorganisationId: null, movedBindings: [], ...outcome });
    operation.audit({
      occurredAt,
      action: 'person.identity_changed',
      subjectType: 'person',
      subjectId: person.id,
      reason,
      before,
      after: await this.accessService.effectivePermissions(tx, 'person', person.id, operation.now),
      details: { change, personBefore: person, personAfter: outcome.person, ...refsOf(outcome) },
    });
    return { change, ...outcome };
  }

  /**
   * A reorganisation moved the person (its bindings were moved already, without approval):
   * recorded as a transfer with reason `reorganisation`.
   */
  async recordReorganisationMove(
    tx: PermissionsTx,
    operation: Operation,
    input: {
      person: Person;
      toDepartmentId: string;
      reorganisationId: string;
      occurredAt: Date;
      movedBindings: MovedBinding[];
      endedBindings: EndedBindingRef[];
      before: unknown;
    },
  ): Promise<IdentityChange> {
    const moved = await this.peopleRepository.update(tx, input.person.id, {
      departmentId: input.toDepartmentId,
    });
    const change = await this.peopleRepository.insertIdentityChange(tx, {
      id: uuidv7(),
      personId: moved.id,
      kind: 'transfer',
      fromDepartmentId: input.person.departmentId,
      toDepartmentId: input.toDepartmentId,
      fromPost: input.person.post,
      toPost: moved.post,
      fromStatus: input.person.status,
      toStatus: moved.status,
      occurredAt: input.occurredAt,
      reason: 'reorganisation',
      actor: operation.actor,
    });
    const outcome: Outcome = {
      person: moved,
      endedBindings: input.endedBindings,
      openedRequests: [],
      cancelledRequestIds: [],
    };
    await this.announce(tx, operation, {
      change,
      reorganisationId: input.reorganisationId,
      movedBindings: input.movedBindings,
      ...outcome,
    });
    operation.audit({
      occurredAt: input.occurredAt,
      action: 'person.identity_changed',
      subjectType: 'person',
      subjectId: moved.id,
      reason: 'reorganisation',
      before: input.before,
      after: await this.accessService.effectivePermissions(tx, 'person', moved.id, operation.now),
      details: {
        change,
        reorganisationId: input.reorganisationId,
        movedBindings: input.movedBindings,
        endedBindings: input.endedBindings,
      },
    });
    return change;
  }

  private async transfer(
    tx: PermissionsTx,
    operation: Operation,
    input: { person: Person; toDepartmentId: string; post?: string; changeId: string; reason: string | null },
  ): Promise<Outcome> {
    const { person, toDepartmentId, changeId } = input;
    const moved = await this.peopleRepository.update(tx, person.id, {
      departmentId: toDepartmentId,
      ...(input.post !== undefined ? { post: input.post } : {}),
    });
    const scopedToOld = (
      await this.bindingsRepository.activeOf(tx, 'person', person.id, operation.now)
    ).filter((binding) => binding.departmentId === person.departmentId);
    const endedBindings: EndedBindingRef[] = [];
    const openedRequests: OpenedRequestRef[] = [];
    const why = `Transferred from department ${person.departmentId} to ${toDepartmentId}`;
    for (const binding of scopedToOld) {
      const ended = await this.accessService.end(tx, operation, binding, {
        endReason: 'identity_change',
        reason: `${why}: bindings scoped to the old department end`,
        identityChangeId: changeId,
      });
      if (ended) endedBindings.push(endedRef(ended));
    }
    const roles = [...new Set(endedBindings.map((binding) => binding.role))].filter(
      (role) => ROLE_DEFINITIONS[role].departmentScoped,
    );
    for (const role of roles) {
      const request = await this.requestsService.open(
        tx,
        operation,
        {
          subjectType: 'person',
          subjectId: person.id,
          role,
          departmentId: toDepartmentId,
          reason: `${why}: ${role} in the new department, replacing the one that ended in the old${input.reason ? ` (${input.reason})` : ''}`,
          origin: 'identity_change',
          identityChangeId: changeId,
        },
        { onDuplicate: 'skip' },
      );
      if (request) openedRequests.push({ requestId: request.id, role, departmentId: toDepartmentId });
    }
    return { person: moved, endedBindings, openedRequests, cancelledRequestIds: [] };
  }

  private async depart(
    tx: PermissionsTx,
    operation: Operation,
    input: { person: Person; changeId: string; reason: string | null },
  ): Promise<Outcome> {
    const departed = await this.peopleRepository.update(tx, input.person.id, { status: 'departed' });
    const endedBindings: EndedBindingRef[] = [];
    for (const binding of await this.bindingsRepository.activeOf(
      tx,
      'person',
      input.person.id,
      operation.now,
    )) {
      const ended = await this.accessService.end(tx, operation, binding, {
        endReason: 'departed',
        reason: `The person departed${input.reason ? ` (${input.reason})` : ''}: every binding ends at once`,
        identityChangeId: input.changeId,
      });
      if (ended) endedBindings.push(endedRef(ended));
    }
    const cancelledRequestIds: string[] = [];
    for (const request of await this.requestsRepository.openOfSubject(tx, 'person', input.person.id)) {
      const cancelled = await this.requestsService.cancel(tx, operation, request, 'The person departed');
      if (cancelled) cancelledRequestIds.push(cancelled.id);
    }
    return { person: departed, endedBindings, openedRequests: [], cancelledRequestIds };
  }

  private unchanged(person: Person): Outcome {
    return { person, endedBindings: [], openedRequests: [], cancelledRequestIds: [] };
  }

  private requireStatus(person: Person, allowed: PersonStatus[], what: string): void {
    if (allowed.includes(person.status)) return;
    throw new DomainError(
      ErrorCode.PRECONDITION_FAILED,
      `A ${what} needs a person who is ${allowed.join(' or ')}; this person is ${person.status}`,
      { personId: person.id, status: person.status, allowed },
    );
  }

  private async announce(
    tx: PermissionsTx,
    operation: Operation,
    input: Outcome & {
      change: IdentityChange;
      reorganisationId: string | null;
      movedBindings: MovedBinding[];
    },
  ): Promise<void> {
    const { change } = input;
    await emitEvent(
      tx,
      PersonIdentityChangedV1,
      {
        identityChangeId: change.id,
        personId: change.personId,
        subjectType: 'person',
        subjectId: change.personId,
        kind: change.kind,
        fromDepartmentId: change.fromDepartmentId,
        toDepartmentId: change.toDepartmentId,
        fromStatus: change.fromStatus as PersonStatus | null,
        toStatus: change.toStatus as PersonStatus | null,
        fromPost: change.fromPost,
        toPost: change.toPost,
        occurredAt: change.occurredAt,
        reason: change.reason,
        reorganisationId: input.reorganisationId,
        endedBindings: input.endedBindings,
        movedBindings: input.movedBindings,
        openedRequests: input.openedRequests,
        cancelledRequestIds: input.cancelledRequestIds,
      },
      operation.events(new Date(change.occurredAt)),
    );
  }
}

function refsOf(outcome: Outcome) {
  return {
    endedBindings: outcome.endedBindings,
    openedRequests: outcome.openedRequests,
    cancelledRequestIds: outcome.cancelledRequestIds,
  };
}
