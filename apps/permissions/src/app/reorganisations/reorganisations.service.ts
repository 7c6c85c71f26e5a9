import { Injectable } from '@nestjs/common';
import { v7 as uuidv7 } from 'uuid';
import {
  DepartmentDissolvedV1,
  DepartmentMergedV1,
  DepartmentRenamedV1,
  DepartmentSplitV1,
  DomainError,
  ErrorCode,
  type Department,
  type DissolveDepartment,
  type EndedBindingRef,
  type MergeDepartments,
  type MovedBinding,
  type MovedPerson,
  type NewDepartment,
  type Person,
  type RenameDepartment,
  type ReorganisationDetails,
  type ReorganisationKind,
  type ReorganisationResult,
  type RoleBinding,
  type SplitDepartment,
} from '@gongkai/contracts';
import { emitEvent } from '@gongkai/messaging';
import { AccessService } from '../access/access.service';
import { BindingsRepository } from '../access/bindings.repository';
import {
  assertActive,
  beijingToday,
  requireActiveDepartment,
  startOfBeijingDay,
} from '../departments/department-guards';
import { DepartmentsRepository, toDepartmentState } from '../departments/departments.repository';
import { DepartmentsService } from '../departments/departments.service';
import { IdentityChangesService } from '../people/identity-changes.service';
import { PeopleRepository } from '../people/people.repository';
import type { PermissionsTx } from '../prisma.service';
import { RequestsRepository } from '../requests/requests.repository';
import { RequestsService } from '../requests/requests.service';
import type { Operation } from '../shared/operation';
import { ReorganisationsRepository } from './reorganisations.repository';

/** What one reorganisation has done so far; becomes its details, its event and its reply. */
class ReorganisationRun {
  readonly id = uuidv7();
  readonly touched = new Map<string, Department>();
  readonly movedPeople: MovedPerson[] = [];
  readonly movedBindings: MovedBinding[] = [];
  readonly endedBindings: EndedBindingRef[] = [];
  readonly movedRequestIds: string[] = [];
  readonly reparentedDepartmentIds: string[] = [];
  /** subject|role|department of every binding granted here, so moving A and B into C grants once. */
  readonly granted = new Set<string>();

  constructor(
    readonly kind: ReorganisationKind,
    readonly effectiveDate: string,
    readonly effectiveFrom: Date,
    readonly reason: string,
  ) {}

  touch(department: Department): Department {
    this.touched.set(department.id, department);
    return department;
  }

  details(): ReorganisationDetails {
    return {
      departments: [...this.touched.values()].map(toDepartmentState),
      movedPeople: this.movedPeople,
      movedBindings: this.movedBindings,
      endedBindings: this.endedBindings,
      movedRequestIds: this.movedRequestIds,
      reparentedDepartmentIds: this.reparentedDepartmentIds,
    };
  }

  eventBase() {
    const details = this.details();
    return {
      reorganisationId: this.id,
      effectiveDate: this.effectiveDate,
      reason: this.reason,
      affectedDepartmentIds: [...this.touched.keys()],
      departments: details.departments,
      movedPeople: details.movedPeople,
      movedBindings: details.movedBindings,
      endedBindings: details.endedBindings,
    };
  }
}

const notFound = (id: string) =>
  new DomainError(ErrorCode.NOT_FOUND, `Department ${id} does not exist; pick one from GET /departments`, {
    departmentId: id,
  });

/**
 * Reorganisations (机构改革): rename, merge, split, dissolve. Each runs in the caller's single
 * transaction: departments change (with revisions), people move as identity changes of kind
 * transfer with reason `reorganisation`, their department-scoped bindings move with them without
 * approval, and one event per reorganisation lists every affected department.
 */
@Injectable()
export class ReorganisationsService {
  constructor(
    private readonly departmentsRepository: DepartmentsRepository,
    private readonly departmentsService: DepartmentsService,
    private readonly peopleRepository: PeopleRepository,
    private readonly bindingsRepository: BindingsRepository,
    private readonly requestsRepository: RequestsRepository,
    private readonly reorganisationsRepository: ReorganisationsRepository,
    private readonly accessService: AccessService,
    private readonly requestsService: RequestsService,
    private readonly identityChangesService: IdentityChangesService,
  ) {}

  async rename(
    tx: PermissionsTx,
    operation: Operation,
    body: RenameDepartment,
  ): Promise<ReorganisationResult> {
    const run = this.start(operation, 'rename', body);
    const department = await this.lockActive(tx, body.departmentId);
    if (department.name === body.name) {
      throw new DomainError(
        ErrorCode.VALIDATION_FAILED,
        `Department ${department.code} is already called ${body.name}`,
        {
          departmentId: department.id,
        },
      );
    }
    run.touch(
      await this.departmentsService.change(tx, department, { name: body.name }, this.revisionOf(run)),
    );
    await emitEvent(
      tx,
      DepartmentRenamedV1,
      { ...run.eventBase(), departmentId: department.id, previousName: department.name, name: body.name },
      operation.events(run.effectiveFrom),
    );
    return this.finish(tx, operation, run, 'department.renamed', department.id, {
      previousName: department.name,
    });
  }

  async merge(
    tx: PermissionsTx,
    operation: Operation,
    body: MergeDepartments,
  ): Promise<ReorganisationResult> {
    const run = this.start(operation, 'merge', body);
    if (new Set(body.sourceIds).size !== body.sourceIds.length) {
      throw new DomainError(ErrorCode.VALIDATION_FAILED, 'sourceIds name the same department twice', {
        sourceIds: body.sourceIds,
      });
    }
    const existingTargetId = typeof body.target === 'string' ? body.target : null;
    if (existingTargetId && body.sourceIds.includes(existingTargetId)) {
      throw new DomainError(
        ErrorCode.VALIDATION_FAILED,
        'The target is one of the sources; merge the other sources into it instead',
        { target: existingTargetId },
      );
    }
    // Every department involved at once, in id order: concurrent reorganisations cannot deadlock.
    await this.departmentsRepository.lockMany(tx, [
      ...body.sourceIds,
      ...(existingTargetId ? [existingTargetId] : []),
    ]);
    const sources = await this.lockAllActive(tx, body.sourceIds);
    await this.departmentsRepository.lockTree(tx);
    let target: Department;
    let targetCreated = false;
    if (existingTargetId) {
      target = await this.lockActive(tx, existingTargetId);
      await this.refuseDescendant(tx, target, body.sourceIds);
    } else {
      const spec = body.target as NewDepartment;
      target = await this.createDepartment(
        tx,
        operation,
        run,
        spec,
        sources[0]?.parentId ?? null,
        body.sourceIds,
      );
      targetCreated = true;
    }
    run.touch(target);
    await this.moveContents(tx, operation, run, sources, target);
    await emitEvent(
      tx,
      DepartmentMergedV1,
      { ...run.eventBase(), sourceIds: body.sourceIds, targetId: target.id, targetCreated },
      operation.events(run.effectiveFrom),
    );
    return this.finish(tx, operation, run, 'department.merged', target.id, {
      sourceIds: body.sourceIds,
      targetId: target.id,
      targetCreated,
    });
  }

  async split(tx: PermissionsTx, operation: Operation, body: SplitDepartment): Promise<ReorganisationResult> {
    const run = this.start(operation, 'split', body);
    const source = await this.lockActive(tx, body.sourceId);
    await this.departmentsRepository.lockTree(tx);
    const children = await this.departmentsRepository.childrenOf(tx, source.id);
    if (children.length > 0) {
      throw new DomainError(
        ErrorCode.PRECONDITION_FAILED,
        `Department ${source.code} has child departments (${children.map((child) => child.code).join(', ')}); move them first (PATCH /departments/{id})`,
        { childIds: children.map((child) => child.id) },
      );
    }
    const codes = body.targets.map((target) => target.code);
    if (new Set(codes).size !== codes.length) {
      throw new DomainError(ErrorCode.VALIDATION_FAILED, 'Two targets have the same code', { codes });
    }
    const badIndex = body.assignments.find((assignment) => assignment.targetIndex >= body.targets.length);
    if (badIndex) {
      throw new DomainError(
        ErrorCode.VALIDATION_FAILED,
        `targetIndex ${badIndex.targetIndex} names no target; there are ${body.targets.length}`,
        { assignment: badIndex },
      );
    }
    const assignedPersonIds = body.assignments.map((assignment) => assignment.personId);
    if (new Set(assignedPersonIds).size !== assignedPersonIds.length) {
      throw new DomainError(ErrorCode.VALIDATION_FAILED, 'A person is assigned twice', {});
    }
    const members = await this.peopleRepository.currentMembersOf(tx, [source.id]);
    const memberIds = new Set(members.map((member) => member.id));
    const strangers = assignedPersonIds.filter((id) => !memberIds.has(id));
    if (strangers.length > 0) {
      throw new DomainError(
        ErrorCode.VALIDATION_FAILED,
        `Assigned people who do not belong to ${source.code}: ${strangers.join(', ')}`,
        { personIds: strangers },
      );
    }
    const assigned = new Set(assignedPersonIds);
    const unassigned = members.filter((member) => !assigned.has(member.id));
    if (unassigned.length > 0) {
      throw new DomainError(
        ErrorCode.PRECONDITION_FAILED,
        `Assign everyone in ${source.code} to a target; still unassigned: ${describePeople(unassigned)}`,
        { personIds: unassigned.map((person) => person.id) },
      );
    }
    const targets: Department[] = [];
    for (const spec of body.targets) {
      targets.push(
        run.touch(await this.createDepartment(tx, operation, run, spec, source.parentId, [source.id])),
      );
    }
    const targetOf = new Map(
      body.assignments.map((assignment) => [
        assignment.personId,
        targets[assignment.targetIndex] as Department,
      ]),
    );
    const before = await this.beforeOf(tx, operation, members);
    for (const binding of await this.bindingsRepository.activeInDepartments(tx, [source.id])) {
      const to = binding.subjectType === 'person' ? targetOf.get(binding.subjectId) : undefined;
      await this.moveBinding(tx, operation, run, binding, to ?? null);
    }
    for (const person of members) {
      await this.movePerson(
        tx,
        operation,
        run,
        person,
        targetOf.get(person.id) as Department,
        before.get(person.id),
      );
    }
    for (const request of await this.requestsRepository.openInDepartments(tx, [source.id])) {
      await this.requestsService.cancel(
        tx,
        operation,
        request,
        `Department ${source.code} was split; ask again for the new department`,
      );
    }
    run.touch(await this.dissolveDepartment(tx, run, source, null));
    await emitEvent(
      tx,
      DepartmentSplitV1,
      { ...run.eventBase(), sourceId: source.id, targetIds: targets.map((target) => target.id) },
      operation.events(run.effectiveFrom),
    );
    return this.finish(tx, operation, run, 'department.split', source.id, {
      sourceId: source.id,
      targetIds: targets.map((target) => target.id),
    });
  }

  async dissolve(
    tx: PermissionsTx,
    operation: Operation,
    body: DissolveDepartment,
  ): Promise<ReorganisationResult> {
    const run = this.start(operation, 'dissolve', body);
    if (body.successorId === body.departmentId) {
      throw new DomainError(ErrorCode.VALIDATION_FAILED, 'A department cannot be its own successor', {
        departmentId: body.departmentId,
      });
    }
    await this.departmentsRepository.lockMany(tx, [
      body.departmentId,
      ...(body.successorId ? [body.successorId] : []),
    ]);
    const department = await this.lockActive(tx, body.departmentId);
    await this.departmentsRepository.lockTree(tx);
    if (body.successorId) {
      const successor = await this.lockActive(tx, body.successorId);
      await this.refuseDescendant(tx, successor, [department.id]);
      run.touch(successor);
      await this.moveContents(tx, operation, run, [department], successor);
    } else {
      const members = await this.peopleRepository.currentMembersOf(tx, [department.id]);
      if (members.length > 0) {
        throw new DomainError(
          ErrorCode.PRECONDITION_FAILED,
          `People still belong to ${department.code}: ${describePeople(members)}. Transfer them first, or give a successorId to move them there`,
          { personIds: members.map((person) => person.id) },
        );
      }
      const children = await this.departmentsRepository.childrenOf(tx, department.id);
      if (children.length > 0) {
        throw new DomainError(
          ErrorCode.PRECONDITION_FAILED,
          `Department ${department.code} still has child departments (${children.map((child) => child.code).join(', ')}); move them or give a successorId`,
          { childIds: children.map((child) => child.id) },
        );
      }
      for (const binding of await this.bindingsRepository.activeInDepartments(tx, [department.id])) {
        await this.moveBinding(tx, operation, run, binding, null);
      }
      for (const request of await this.requestsRepository.openInDepartments(tx, [department.id])) {
        await this.requestsService.cancel(
          tx,
          operation,
          request,
          `Department ${department.code} was dissolved`,
        );
      }
      run.touch(await this.dissolveDepartment(tx, run, department, null));
    }
    await emitEvent(
      tx,
      DepartmentDissolvedV1,
      { ...run.eventBase(), departmentId: department.id, successorId: body.successorId ?? null },
      operation.events(run.effectiveFrom),
    );
    return this.finish(tx, operation, run, 'department.dissolved', department.id, {
      successorId: body.successorId ?? null,
    });
  }

  /** Everything of the sources goes to the target: people, bindings, open requests, child departments. */
  private async moveContents(
    tx: PermissionsTx,
    operation: Operation,
    run: ReorganisationRun,
    sources: Department[],
    target: Department,
  ): Promise<void> {
    const sourceIds = sources.map((source) => source.id);
    const members = await this.peopleRepository.currentMembersOf(tx, sourceIds);
    const before = await this.beforeOf(tx, operation, members);
    for (const binding of await this.bindingsRepository.activeInDepartments(tx, sourceIds)) {
      await this.moveBinding(tx, operation, run, binding, target);
    }
    for (const person of members) {
      await this.movePerson(tx, operation, run, person, target, before.get(person.id));
    }
    const requests = await this.requestsRepository.openInDepartments(tx, sourceIds);
    await this.requestsService.moveAll(tx, operation, {
      requests,
      toDepartmentId: target.id,
      reorganisationId: run.id,
      occurredAt: run.effectiveFrom,
    });
    run.movedRequestIds.push(...requests.map((request) => request.id));
    for (const source of sources) {
      for (const child of await this.departmentsRepository.childrenOf(tx, source.id)) {
        if (child.id === target.id) continue;
        run.touch(
          await this.departmentsService.change(tx, child, { parentId: target.id }, this.revisionOf(run)),
        );
        run.reparentedDepartmentIds.push(child.id);
      }
      run.touch(await this.dissolveDepartment(tx, run, source, target.id));
    }
  }

  /**
   * Ends the binding (reason `reorganisation`) and, when there is somewhere to move it, grants the
   * same role there at once with the same end: the office decided it, no approval is needed.
   */
  private async moveBinding(
    tx: PermissionsTx,
    operation: Operation,
    run: ReorganisationRun,
    binding: RoleBinding,
    to: Department | null,
  ): Promise<void> {
    const ended = await this.accessService.end(tx, operation, binding, {
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
      run.endedBindings.push({
        bindingId: ended.id,
        subjectType: ended.subjectType,
        subjectId: ended.subjectId,
        role: ended.role,
        departmentId: ended.departmentId,
      });
      return;
    }
    const granted = await this.accessService.grant(tx, operation, {
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

  private async movePerson(
    tx: PermissionsTx,
    operation: Operation,
    run: ReorganisationRun,
    person: Person,
    to: Department,
    before: unknown,
  ): Promise<void> {
    const change = await this.identityChangesService.recordReorganisationMove(tx, operation, {
      person,
      toDepartmentId: to.id,
      reorganisationId: run.id,
      occurredAt: run.effectiveFrom,
      movedBindings: run.movedBindings.filter(
        (moved) => moved.subjectType === 'person' && moved.subjectId === person.id,
      ),
      endedBindings: run.endedBindings.filter(
        (ended) => ended.subjectType === 'person' && ended.subjectId === person.id,
      ),
      before,
    });
    run.movedPeople.push({
      personId: person.id,
      fromDepartmentId: person.departmentId,
      toDepartmentId: to.id,
      identityChangeId: change.id,
    });
  }

  private async beforeOf(
    tx: PermissionsTx,
    operation: Operation,
    people: Person[],
  ): Promise<Map<string, unknown>> {
    const before = new Map<string, unknown>();
    for (const person of people) {
      before.set(
        person.id,
        await this.accessService.effectivePermissions(tx, 'person', person.id, operation.now),
      );
    }
    return before;
  }

  private async createDepartment(
    tx: PermissionsTx,
    operation: Operation,
    run: ReorganisationRun,
    spec: NewDepartment,
    defaultParentId: string | null,
    goingAway: string[],
  ): Promise<Department> {
    if (await this.departmentsRepository.findByCode(tx, spec.code)) {
      throw new DomainError(
        ErrorCode.CONFLICT,
        `A department with code ${spec.code} already exists; choose another code`,
        {
          code: spec.code,
        },
      );
    }
    const parentId = spec.parentId === undefined ? defaultParentId : spec.parentId;
    if (parentId !== null) {
      if (goingAway.includes(parentId)) {
        throw new DomainError(
          ErrorCode.VALIDATION_FAILED,
          `The new department ${spec.code} cannot sit under a department this reorganisation dissolves`,
          { parentId },
        );
      }
      await requireActiveDepartment(this.departmentsRepository, tx, parentId, 'Parent department');
    }
    return this.departmentsService.create(
      tx,
      operation,
      { id: uuidv7(), code: spec.code, name: spec.name, type: spec.type, parentId },
      { effectiveFrom: run.effectiveFrom, reorganisationId: run.id, reason: run.reason },
    );
  }

  private dissolveDepartment(
    tx: PermissionsTx,
    run: ReorganisationRun,
    department: Department,
    successorId: string | null,
  ): Promise<Department> {
    return this.departmentsService.change(
      tx,
      department,
      { status: 'dissolved', successorId, dissolvedAt: run.effectiveFrom },
      this.revisionOf(run),
    );
  }

  /** A successor under the department it succeeds would hang from a dissolved department. */
  private async refuseDescendant(
    tx: PermissionsTx,
    department: Department,
    ancestorsToAvoid: string[],
  ): Promise<void> {
    const ancestors = await this.departmentsRepository.ancestorIdsOf(tx, department.id);
    const under = ancestors.find((id) => ancestorsToAvoid.includes(id));
    if (under) {
      throw new DomainError(
        ErrorCode.PRECONDITION_FAILED,
        `Department ${department.code} lies under ${under}, which this reorganisation dissolves; move it first (PATCH /departments/{id})`,
        { departmentId: department.id, under },
      );
    }
  }

  private async lockActive(tx: PermissionsTx, id: string): Promise<Department> {
    const department = (await this.departmentsRepository.lockMany(tx, [id])).get(id);
    if (!department) throw notFound(id);
    assertActive(department);
    return department;
  }

  private async lockAllActive(tx: PermissionsTx, ids: string[]): Promise<Department[]> {
    const locked = await this.departmentsRepository.lockMany(tx, ids);
    return ids.map((id) => {
      const department = locked.get(id);
      if (!department) throw notFound(id);
      assertActive(department);
      return department;
    });
  }

  private start(
    operation: Operation,
    kind: ReorganisationKind,
    body: { effectiveDate: string; reason: string },
  ): ReorganisationRun {
    if (body.effectiveDate > beijingToday(operation.now)) {
      throw new DomainError(
        ErrorCode.VALIDATION_FAILED,
        `effectiveDate ${body.effectiveDate} lies in the future; record the reorganisation on or after the day it takes effect`,
        { effectiveDate: body.effectiveDate, today: beijingToday(operation.now) },
      );
    }
    return new ReorganisationRun(
      kind,
      body.effectiveDate,
      startOfBeijingDay(body.effectiveDate),
      body.reason,
    );
  }

  private revisionOf(run: ReorganisationRun) {
    return { effectiveFrom: run.effectiveFrom, reorganisationId: run.id };
  }

  private async finish(
    tx: PermissionsTx,
    operation: Operation,
    run: ReorganisationRun,
    action: 'department.renamed' | 'department.merged' | 'department.split' | 'department.dissolved',
    departmentId: string,
    extra: Record<string, unknown>,
  ): Promise<ReorganisationResult> {
    const reorganisation = await this.reorganisationsRepository.insert(tx, {
      id: run.id,
      kind: run.kind,
      effectiveDate: run.effectiveDate,
      reason: run.reason,
      details: run.details(),
      actor: operation.actor,
      createdAt: operation.now,
    });
    operation.audit({
      occurredAt: run.effectiveFrom,
      action,
      subjectType: 'department',
      subjectId: departmentId,
      reason: run.reason,
      details: { reorganisationId: run.id, ...extra, ...run.details() },
    });
    return { reorganisation, departments: [...run.touched.values()] };
  }
}

function describePeople(people: Person[]): string {
  const named = people.slice(0, 10).map((person) => `${person.name} (${person.staffNo})`);
  return people.length > 10 ? `${named.join(', ')} and ${people.length - 10} more` : named.join(', ');
}
