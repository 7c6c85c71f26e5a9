import { Injectable } from '@nestjs/common';
import {
  DepartmentDissolvedV1,
  DomainError,
  PermissionsErrorReasons,
  type DissolveDepartment,
  type ReorganisationResult,
  type RequestMeta,
} from '@gongkai/contracts';
import { emitEvent } from '@gongkai/messaging';
import { BindingsRepository } from '../../access/bindings.repository';
import { DepartmentsRepository } from '../../departments/departments.repository';
import { PeopleRepository } from '../../people/people.repository';
import { RequestWriter } from '../../requests/request-writer';
import { RequestsRepository } from '../../requests/requests.repository';
import { UnitOfWork } from '../../shared/unit-of-work';
import { DepartmentContentsMover } from '../department-contents-mover';
import { describePeople } from '../describe-people';
import { ReorganisationDepartments } from '../reorganisation-departments';
import { ReorganisationRecorder } from '../reorganisation-recorder';
import { ReorganisationRun } from '../reorganisation-run';

/**
 * A department goes away: with a successor, everything of it moves there (as in a merge); without
 * one, only an empty department (no people, no child departments) is dissolved, and its bindings
 * end and its open requests are cancelled.
 */
@Injectable()
export class DissolveDepartmentUseCase {
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

  execute(meta: RequestMeta, body: DissolveDepartment): Promise<ReorganisationResult> {
    return this.unitOfWork.run(meta, async (tx, operation) => {
      const run = ReorganisationRun.start(operation.now, 'dissolve', body);
      if (body.successorId === body.departmentId) {
        throw DomainError.because(
          PermissionsErrorReasons.REORGANISATION_INVALID,
          'A department cannot be its own successor',
          {
            departmentId: body.departmentId,
          },
        );
      }
      await this.departmentsRepository.lockMany(tx, [
        body.departmentId,
        ...(body.successorId ? [body.successorId] : []),
      ]);
      const department = await this.reorganisationDepartments.lockActive(tx, body.departmentId);
      await this.departmentsRepository.lockTree(tx);
      if (body.successorId) {
        const successor = await this.reorganisationDepartments.lockActive(tx, body.successorId);
        await this.reorganisationDepartments.refuseDescendant(tx, successor, [department.id]);
        run.touch(successor);
        await this.departmentContentsMover.moveAll(tx, operation, run, {
          sources: [department],
          target: successor,
        });
      } else {
        const members = await this.peopleRepository.currentMembersOf(tx, [department.id]);
        if (members.length > 0) {
          throw DomainError.because(
            PermissionsErrorReasons.DEPARTMENT_HAS_MEMBERS,
            `People still belong to ${department.code}: ${describePeople(members)}. Transfer them first, or give a successorId to move them there`,
            { personIds: members.map((person) => person.id) },
          );
        }
        const children = await this.departmentsRepository.childrenOf(tx, department.id);
        if (children.length > 0) {
          throw DomainError.because(
            PermissionsErrorReasons.DEPARTMENT_HAS_CHILDREN,
            `Department ${department.code} still has child departments (${children.map((child) => child.code).join(', ')}); move them or give a successorId`,
            { childIds: children.map((child) => child.id) },
          );
        }
        for (const binding of await this.bindingsRepository.activeInDepartments(tx, [department.id])) {
          await this.departmentContentsMover.moveBinding(tx, operation, run, binding, null);
        }
        for (const request of await this.requestsRepository.openInDepartments(tx, [department.id])) {
          await this.requestWriter.cancel(
            tx,
            operation,
            request,
            `Department ${department.code} was dissolved`,
          );
        }
        run.touch(await this.reorganisationDepartments.dissolve(tx, run, department, null));
      }
      await emitEvent(
        tx,
        DepartmentDissolvedV1,
        { ...run.eventBase(), departmentId: department.id, successorId: body.successorId ?? null },
        operation.events(run.effectiveFrom),
      );
      return this.reorganisationRecorder.record(tx, operation, run, {
        action: 'department.dissolved',
        departmentId: department.id,
        extra: { successorId: body.successorId ?? null },
      });
    });
  }
}
