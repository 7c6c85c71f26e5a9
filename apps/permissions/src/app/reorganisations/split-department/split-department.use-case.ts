import { Injectable } from '@nestjs/common';
import {
  DepartmentSplitV1,
  DomainError,
  PermissionsErrorReasons,
  type Department,
  type ReorganisationResult,
  type RequestMeta,
  type SplitDepartment,
} from '@gongkai/contracts';
import { emitEvent } from '@gongkai/messaging';
import { BindingsRepository } from '../../access/bindings.repository';
import { DepartmentsRepository } from '../../departments/departments.repository';
import { PeopleRepository } from '../../people/people.repository';
import { RequestWriter } from '../../requests/request-writer';
import { RequestsRepository } from '../../requests/requests.repository';
import { UnitOfWork } from '../../shared/unit-of-work';
import { DepartmentContentsMover } from '../department-contents-mover';
import { ReorganisationDepartments } from '../reorganisation-departments';
import { ReorganisationRecorder } from '../reorganisation-recorder';
import { ReorganisationRun } from '../reorganisation-run';
import { checkEveryMemberAssigned, checkSplitPlan } from './split-plan';

/**
 * A department without child departments becomes two or more new ones: every member is assigned
 * to one of them and takes their bindings there; bindings of others end, open requests are
 * cancelled, and the source is dissolved.
 */
@Injectable()
export class SplitDepartmentUseCase {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly departmentsRepository: DepartmentsRepository,
    private readonly peopleRepository: PeopleRepository,
    private readonly bindingsRepository: BindingsRepository,
    private readonly requestsRepository: RequestsRepository,
    private readonly reorganisationDepartments: ReorganisationDepartments,
    private readonly departmentContentsMover: DepartmentContentsMover,
    private readonly requestWriter: RequestWriter,
    private readonly reorganisationRecorder: ReorganisationRecorder,
  ) {}

  execute(meta: RequestMeta, body: SplitDepartment): Promise<ReorganisationResult> {
    return this.unitOfWork.run(meta, async (tx, operation) => {
      const run = ReorganisationRun.start(operation.now, 'split', body);
      const source = await this.reorganisationDepartments.lockActive(tx, body.sourceId);
      await this.departmentsRepository.lockTree(tx);
      const children = await this.departmentsRepository.childrenOf(tx, source.id);
      if (children.length > 0) {
        throw DomainError.because(
          PermissionsErrorReasons.DEPARTMENT_HAS_CHILDREN,
          `Department ${source.code} has child departments (${children.map((child) => child.code).join(', ')}); move them first (PATCH /departments/{id})`,
          { childIds: children.map((child) => child.id) },
        );
      }
      checkSplitPlan(body);
      const members = await this.peopleRepository.currentMembersOf(tx, [source.id]);
      checkEveryMemberAssigned(source, members, body.assignments);
      const targets: Department[] = [];
      for (const spec of body.targets) {
        targets.push(
          run.touch(
            await this.reorganisationDepartments.create(tx, operation, run, {
              spec,
              defaultParentId: source.parentId,
              goingAway: [source.id],
            }),
          ),
        );
      }
      const targetOf = new Map(
        body.assignments.map((assignment) => [
          assignment.personId,
          targets[assignment.targetIndex] as Department,
        ]),
      );
      const before = await this.departmentContentsMover.permissionsBefore(tx, operation, members);
      for (const binding of await this.bindingsRepository.activeInDepartments(tx, [source.id])) {
        const to = binding.subjectType === 'person' ? targetOf.get(binding.subjectId) : undefined;
        await this.departmentContentsMover.moveBinding(tx, operation, run, binding, to ?? null);
      }
      for (const person of members) {
        await this.departmentContentsMover.movePerson(tx, operation, run, {
          person,
          to: targetOf.get(person.id) as Department,
          before: before.get(person.id),
        });
      }
      for (const request of await this.requestsRepository.openInDepartments(tx, [source.id])) {
        await this.requestWriter.cancel(
          tx,
          operation,
          request,
          `Department ${source.code} was split; ask again for the new department`,
        );
      }
      run.touch(await this.reorganisationDepartments.dissolve(tx, run, source, null));
      await emitEvent(
        tx,
        DepartmentSplitV1,
        { ...run.eventBase(), sourceId: source.id, targetIds: targets.map((target) => target.id) },
        operation.events(run.effectiveFrom),
      );
      return this.reorganisationRecorder.record(tx, operation, run, {
        action: 'department.split',
        departmentId: source.id,
        extra: { sourceId: source.id, targetIds: targets.map((target) => target.id) },
      });
    });
  }
}
