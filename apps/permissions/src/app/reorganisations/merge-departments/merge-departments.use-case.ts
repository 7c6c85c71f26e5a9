import { Injectable } from '@nestjs/common';
import {
  DepartmentMergedV1,
  DomainError,
  PermissionsErrorReasons,
  type Department,
  type MergeDepartments,
  type NewDepartment,
  type ReorganisationResult,
  type RequestMeta,
} from '@gongkai/contracts';
import { emitEvent } from '@gongkai/messaging';
import { DepartmentsRepository } from '../../departments/departments.repository';
import { UnitOfWork } from '../../shared/unit-of-work';
import { DepartmentContentsMover } from '../department-contents-mover';
import { ReorganisationDepartments } from '../reorganisation-departments';
import { ReorganisationRecorder } from '../reorganisation-recorder';
import { ReorganisationRun } from '../reorganisation-run';

/**
 * Two or more departments become one, an existing department or a new one: everything of the
 * sources moves to the target and the sources are dissolved with the target as successor.
 */
@Injectable()
export class MergeDepartmentsUseCase {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly departmentsRepository: DepartmentsRepository,
    private readonly reorganisationDepartments: ReorganisationDepartments,
    private readonly departmentContentsMover: DepartmentContentsMover,
    private readonly reorganisationRecorder: ReorganisationRecorder,
  ) {}

  execute(meta: RequestMeta, body: MergeDepartments): Promise<ReorganisationResult> {
    return this.unitOfWork.run(meta, async (tx, operation) => {
      const run = ReorganisationRun.start(operation.now, 'merge', body);
      if (new Set(body.sourceIds).size !== body.sourceIds.length) {
        throw DomainError.because(
          PermissionsErrorReasons.REORGANISATION_INVALID,
          'sourceIds name the same department twice',
          {
            sourceIds: body.sourceIds,
          },
        );
      }
      const existingTargetId = typeof body.target === 'string' ? body.target : null;
      if (existingTargetId && body.sourceIds.includes(existingTargetId)) {
        throw DomainError.because(
          PermissionsErrorReasons.REORGANISATION_INVALID,
          'The target is one of the sources; merge the other sources into it instead',
          { target: existingTargetId },
        );
      }
      // Every department involved at once, in id order: concurrent reorganisations cannot deadlock.
      await this.departmentsRepository.lockMany(tx, [
        ...body.sourceIds,
        ...(existingTargetId ? [existingTargetId] : []),
      ]);
      const sources = await this.reorganisationDepartments.lockAllActive(tx, body.sourceIds);
      await this.departmentsRepository.lockTree(tx);
      let target: Department;
      let targetCreated = false;
      if (existingTargetId) {
        target = await this.reorganisationDepartments.lockActive(tx, existingTargetId);
        await this.reorganisationDepartments.refuseDescendant(tx, target, body.sourceIds);
      } else {
        target = await this.reorganisationDepartments.create(tx, operation, run, {
          spec: body.target as NewDepartment,
          defaultParentId: sources[0]?.parentId ?? null,
          goingAway: body.sourceIds,
        });
        targetCreated = true;
      }
      run.touch(target);
      await this.departmentContentsMover.moveAll(tx, operation, run, { sources, target });
      await emitEvent(
        tx,
        DepartmentMergedV1,
        { ...run.eventBase(), sourceIds: body.sourceIds, targetId: target.id, targetCreated },
        operation.events(run.effectiveFrom),
      );
      return this.reorganisationRecorder.record(tx, operation, run, {
        action: 'department.merged',
        departmentId: target.id,
        extra: { sourceIds: body.sourceIds, targetId: target.id, targetCreated },
      });
    });
  }
}
