import { Injectable } from '@nestjs/common';
import { v7 as uuidv7 } from 'uuid';
import {
  DomainError,
  PermissionsErrorReasons,
  type EndedBindingRef,
  type IdentityChangeResult,
  type OpenedRequestRef,
  type Person,
  type RecordIdentityChange,
  type RequestMeta,
} from '@gongkai/contracts';
import { endedBindingRef } from '../../access/binding-refs';
import { BindingWriter } from '../../access/binding-writer';
import { BindingsRepository } from '../../access/bindings.repository';
import { requireActiveDepartment } from '../../departments/department-guards';
import { DepartmentsRepository } from '../../departments/departments.repository';
import type { PermissionsTx } from '../../prisma.service';
import { RequestWriter } from '../../requests/request-writer';
import { RequestsRepository } from '../../requests/requests.repository';
import type { Operation } from '../../shared/operation';
import { UnitOfWork } from '../../shared/unit-of-work';
import { emitIdentityChanged, type IdentityChangeOutcome } from '../identity-change-event';
import { PeopleRepository } from '../people.repository';
import { requireStatus, rolesToRequestAgain } from './identity-change-rules';

/**
 * Identity changes (人员身份变更) and what they do to permissions: a transfer ends the bindings
 * scoped to the old department and opens requests for the new one; departing ends everything at
 * once; leave suspends every decision (bindings stay). Each change is one identity_change row, one
 * person.identity-changed event and audit entries with the effective permissions before and after.
 */
@Injectable()
export class RecordIdentityChangeUseCase {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly peopleRepository: PeopleRepository,
    private readonly departmentsRepository: DepartmentsRepository,
    private readonly bindingsRepository: BindingsRepository,
    private readonly requestsRepository: RequestsRepository,
    private readonly bindingWriter: BindingWriter,
    private readonly requestWriter: RequestWriter,
  ) {}

  execute(meta: RequestMeta, body: RecordIdentityChange): Promise<IdentityChangeResult> {
    return this.unitOfWork.run(meta, (tx, operation) => this.record(tx, operation, body));
  }

  private async record(
    tx: PermissionsTx,
    operation: Operation,
    input: RecordIdentityChange,
  ): Promise<IdentityChangeResult> {
    const person = await this.peopleRepository.lock(tx, input.personId);
    if (!person) {
      throw DomainError.because(
        PermissionsErrorReasons.PERSON_NOT_FOUND,
        `Person ${input.personId} does not exist`,
        {
          personId: input.personId,
        },
      );
    }
    const occurredAt = operation.businessTime(input.occurredAt);
    const changeId = uuidv7();
    const before = await this.bindingsRepository.effectivePermissionsOf(
      tx,
      'person',
      person.id,
      operation.now,
    );
    const reason = input.reason ?? null;
    let outcome: IdentityChangeOutcome;
    let toDepartmentId: string | null = null;
    switch (input.kind) {
      case 'join':
        requireStatus(person, ['departed'], 'join (re-join after departing)');
        await requireActiveDepartment(this.departmentsRepository, tx, input.toDepartmentId, 'Department');
        toDepartmentId = input.toDepartmentId;
        outcome = unchanged(
          await this.peopleRepository.update(tx, person.id, {
            departmentId: input.toDepartmentId,
            status: 'active',
            ...(input.post !== undefined ? { post: input.post } : {}),
          }),
        );
        break;
      case 'transfer':
        requireStatus(person, ['active', 'on_leave'], 'transfer');
        if (input.toDepartmentId === person.departmentId) {
          throw DomainError.because(
            PermissionsErrorReasons.PERSON_ALREADY_IN_DEPARTMENT,
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
        requireStatus(person, ['active', 'on_leave'], 'change of post');
        outcome = unchanged(await this.peopleRepository.update(tx, person.id, { post: input.post }));
        break;
      case 'leave':
        requireStatus(person, ['active'], 'leave');
        outcome = unchanged(await this.peopleRepository.update(tx, person.id, { status: 'on_leave' }));
        break;
      case 'return':
        requireStatus(person, ['on_leave'], 'return');
        outcome = unchanged(await this.peopleRepository.update(tx, person.id, { status: 'active' }));
        break;
      case 'depart':
        requireStatus(person, ['active', 'on_leave'], 'departure');
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
    await emitIdentityChanged(tx, operation, {
      change,
      reorganisationId: null,
      movedBindings: [],
      ...outcome,
    });
    operation.audit({
      occurredAt,
      action: 'person.identity_changed',
      subjectType: 'person',
      subjectId: person.id,
      reason,
      before,
      after: await this.bindingsRepository.effectivePermissionsOf(tx, 'person', person.id, operation.now),
      details: { change, personBefore: person, personAfter: outcome.person, ...refsOf(outcome) },
    });
    return { change, ...outcome };
  }

  private async transfer(
    tx: PermissionsTx,
    operation: Operation,
    input: { person: Person; toDepartmentId: string; post?: string; changeId: string; reason: string | null },
  ): Promise<IdentityChangeOutcome> {
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
      const ended = await this.bindingWriter.end(tx, operation, binding, {
        endReason: 'identity_change',
        reason: `${why}: bindings scoped to the old department end`,
        identityChangeId: changeId,
      });
      if (ended) endedBindings.push(endedBindingRef(ended));
    }
    for (const role of rolesToRequestAgain(endedBindings)) {
      const request = await this.requestWriter.open(
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
  ): Promise<IdentityChangeOutcome> {
    const departed = await this.peopleRepository.update(tx, input.person.id, { status: 'departed' });
    const endedBindings: EndedBindingRef[] = [];
    for (const binding of await this.bindingsRepository.activeOf(
      tx,
      'person',
      input.person.id,
      operation.now,
    )) {
      const ended = await this.bindingWriter.end(tx, operation, binding, {
        endReason: 'departed',
        reason: `The person departed${input.reason ? ` (${input.reason})` : ''}: every binding ends at once`,
        identityChangeId: input.changeId,
      });
      if (ended) endedBindings.push(endedBindingRef(ended));
    }
    const cancelledRequestIds: string[] = [];
    for (const request of await this.requestsRepository.openOfSubject(tx, 'person', input.person.id)) {
      const cancelled = await this.requestWriter.cancel(tx, operation, request, 'The person departed');
      if (cancelled) cancelledRequestIds.push(cancelled.id);
    }
    return { person: departed, endedBindings, openedRequests: [], cancelledRequestIds };
  }
}

function unchanged(person: Person): IdentityChangeOutcome {
  return { person, endedBindings: [], openedRequests: [], cancelledRequestIds: [] };
}

function refsOf(outcome: IdentityChangeOutcome) {
  return {
    endedBindings: outcome.endedBindings,
    openedRequests: outcome.openedRequests,
    cancelledRequestIds: outcome.cancelledRequestIds,
  };
}
