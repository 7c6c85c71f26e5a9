import { Injectable } from '@nestjs/common';
import { v7 as uuidv7 } from 'uuid';
import type { Department, EffectivePermission, Person, RoleBinding } from '@gongkai/contracts';
import { endedBindingRef } from '../access/binding-refs';
import { BindingWriter } from '../access/binding-writer';
import { BindingsRepository } from '../access/bindings.repository';
import { DepartmentsRepository } from '../departments/departments.repository';
import { emitIdentityChanged } from '../people/identity-change-event';
import { PeopleRepository } from '../people/people.repository';
import type { PermissionsTx } from '../prisma.service';
import { RequestWriter } from '../requests/request-writer';
import { RequestsRepository } from '../requests/requests.repository';
import type { Operation } from '../shared/operation';
import { ReorganisationDepartments } from './reorganisation-departments';
import type { ReorganisationRun } from './reorganisation-run';

/**
 * Moves what belongs to a department to another in a reorganisation: people move as identity
 * changes of kind transfer with reason `reorganisation`, their department-scoped bindings move
 * with them without approval, open requests follow, child departments are re-parented. Everything
 * moved is written down in the run.
 */
@Injectable()
export class DepartmentContentsMover {
  constructor(
    private readonly departmentsRepository: DepartmentsRepository,
    private readonly peopleRepository: PeopleRepository,
    private readonly bindingsRepository: BindingsRepository,
    private readonly requestsRepository: RequestsRepository,
    private readonly reorganisationDepartments: ReorganisationDepartments,
    private readonly bindingWriter: BindingWriter,
    private readonly requestWriter: RequestWriter,
  ) {}

  /**
   * Everything of the sources goes to the target: people, bindings, open requests, child
   * departments; then each source is dissolved with the target as its successor.
   */
  async moveAll(
    tx: PermissionsTx,
    operation: Operation,
    run: ReorganisationRun,
    move: { sources: Department[]; target: Department },
  ): Promise<void> {
    const { sources, target } = move;
    const sourceIds = sources.map((source) => source.id);
    const members = await this.peopleRepository.currentMembersOf(tx, sourceIds);
    const before = await this.permissionsBefore(tx, operation, members);
    for (const binding of await this.bindingsRepository.activeInDepartments(tx, sourceIds)) {
      await this.moveBinding(tx, operation, run, binding, target);
    }
    for (const person of members) {
      await this.movePerson(tx, operation, run, { person, to: target, before: before.get(person.id) });
    }
    const requests = await this.requestsRepository.openInDepartments(tx, sourceIds);
    await this.requestWriter.moveAll(tx, operation, {
      requests,
      toDepartmentId: target.id,
      reorganisationId: run.id,
      occurredAt: run.effectiveFrom,
    });
    run.movedRequestIds.push(...requests.map((request) => request.id));
    for (const source of sources) {
      for (const child of await this.departmentsRepository.childrenOf(tx, source.id)) {
        if (child.id === target.id) continue;
        run.touch(await this.reorganisationDepartments.change(tx, run, child, { parentId: target.id }));
        run.reparentedDepartmentIds.push(child.id);
      }
      run.touch(await this.reorganisationDepartments.dissolve(tx, run, source, target.id));
    }
  }

  /**
   * Ends the binding (reason `reorganisation`) and, when there is somewhere to move it, grants the
   * same role there at once with the same end: the office decided it, no approval is needed.
   */
  async moveBinding(
    tx: PermissionsTx,
    operation: Operation,
    run: ReorganisationRun,
    binding: RoleBinding,
    to: Department | null,
  ): Promise<void> {
    const ended = await this.bindingWriter.end(tx, operation, binding, {
      endReason: 'reorganisation',
      reason: to
        ? `Reorganisation: moved to department ${to.code}`
        : `Reorganisation: department ${binding.departmentId} is gone`,
      reorganisationId: run.id,
    });
    if (!ended) return;
    const key = `${binding.subjectType}|${binding.subjectId}|${binding.role}|${to?.id ?? ''}`;
    const validTo = binding.validTo ? new Date(binding.validTo) : null;
    const stillAhead = validTo === null || validTo > operation.now;
    const validFrom = new Date(Math.max(new Date(binding.validFrom).getTime(), operation.now.getTime()));
    const alreadyThere =
      to !== null &&
      (run.granted.has(key) ||
        (await this.bindingsRepository.findOverlapping(tx, {
          ...binding,
          departmentId: to.id,
          validFrom,
          validTo,
        })) !== null);
    if (!to || !stillAhead || alreadyThere) {
      run.endedBindings.push(endedBindingRef(ended));
      return;
    }
    const granted = await this.bindingWriter.grant(tx, operation, {
      subjectType: binding.subjectType,
      subjectId: binding.subjectId,
      role: binding.role,
      departmentId: to.id,
      validFrom,
      validTo,
      origin: 'reorganisation',
      reorganisationId: run.id,
      reason: `Reorganisation: ${binding.role} moved from department ${binding.departmentId} to ${to.code}`,
    });
    run.granted.add(key);
    run.movedBindings.push({
      fromBindingId: ended.id,
      toBindingId: granted.id,
      subjectType: binding.subjectType,
      subjectId: binding.subjectId,
      role: binding.role,
      fromDepartmentId: binding.departmentId as string,
      toDepartmentId: to.id,
    });
  }

  /**
   * Moves the person (their bindings were moved already, without approval), recorded as an
   * identity change of kind transfer with reason `reorganisation`. `before`: their effective
   * permissions before the reorganisation touched their bindings.
   */
  async movePerson(
    tx: PermissionsTx,
    operation: Operation,
    run: ReorganisationRun,
    move: { person: Person; to: Department; before: EffectivePermission[] | undefined },
  ): Promise<void> {
    const { person, to, before } = move;
    const movedBindings = run.movedBindings.filter(
      (moved) => moved.subjectType === 'person' && moved.subjectId === person.id,
    );
    const endedBindings = run.endedBindings.filter(
      (ended) => ended.subjectType === 'person' && ended.subjectId === person.id,
    );
    const moved = await this.peopleRepository.update(tx, person.id, { departmentId: to.id });
    const change = await this.peopleRepository.insertIdentityChange(tx, {
      id: uuidv7(),
      personId: moved.id,
      kind: 'transfer',
      fromDepartmentId: person.departmentId,
      toDepartmentId: to.id,
      fromPost: person.post,
      toPost: moved.post,
      fromStatus: person.status,
      toStatus: moved.status,
      occurredAt: run.effectiveFrom,
      reason: 'reorganisation',
      actor: operation.actor,
    });
    await emitIdentityChanged(tx, operation, {
      change,
      reorganisationId: run.id,
      movedBindings,
      person: moved,
      endedBindings,
      openedRequests: [],
      cancelledRequestIds: [],
    });
    operation.audit({
      occurredAt: run.effectiveFrom,
      action: 'person.identity_changed',
      subjectType: 'person',
      subjectId: moved.id,
      reason: 'reorganisation',
      before,
      after: await this.bindingsRepository.effectivePermissionsOf(tx, 'person', moved.id, operation.now),
      details: {
        change,
        reorganisationId: run.id,
        movedBindings,
        endedBindings,
      },
    });
    run.movedPeople.push({
      personId: person.id,
      fromDepartmentId: person.departmentId,
      toDepartmentId: to.id,
      identityChangeId: change.id,
    });
  }

  /** Each person's effective permissions now, read before any of their bindings move. */
  async permissionsBefore(
    tx: PermissionsTx,
    operation: Operation,
    people: Person[],
  ): Promise<Map<string, EffectivePermission[]>> {
    const before = new Map<string, EffectivePermission[]>();
    for (const person of people) {
      before.set(
        person.id,
        await this.bindingsRepository.effectivePermissionsOf(tx, 'person', person.id, operation.now),
      );
    }
    return before;
  }
}
