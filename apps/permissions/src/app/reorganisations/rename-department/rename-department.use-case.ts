import { Injectable } from '@nestjs/common';
import {
  DepartmentRenamedV1,
  DomainError,
  PermissionsErrorReasons,
  type RenameDepartment,
  type ReorganisationResult,
  type RequestMeta,
} from '@gongkai/contracts';
import { emitEvent } from '@gongkai/messaging';
import { UnitOfWork } from '../../shared/unit-of-work';
import { ReorganisationDepartments } from '../reorganisation-departments';
import { ReorganisationRecorder } from '../reorganisation-recorder';
import { ReorganisationRun } from '../reorganisation-run';

/** A department takes a new name as of the effective date; people and bindings stay where they are. */
@Injectable()
export class RenameDepartmentUseCase {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly reorganisationDepartments: ReorganisationDepartments,
    private readonly reorganisationRecorder: ReorganisationRecorder,
  ) {}

  execute(meta: RequestMeta, body: RenameDepartment): Promise<ReorganisationResult> {
    return this.unitOfWork.run(meta, async (tx, operation) => {
      const run = ReorganisationRun.start(operation.now, 'rename', body);
      const department = await this.reorganisationDepartments.lockActive(tx, body.departmentId);
      if (department.name === body.name) {
        throw DomainError.because(
          PermissionsErrorReasons.DEPARTMENT_NAME_UNCHANGED,
          `Department ${department.code} is already called ${body.name}`,
          {
            departmentId: department.id,
          },
        );
      }
      run.touch(await this.reorganisationDepartments.change(tx, run, department, { name: body.name }));
      await emitEvent(
        tx,
        DepartmentRenamedV1,
        { ...run.eventBase(), departmentId: department.id, previousName: department.name, name: body.name },
        operation.events(run.effectiveFrom),
      );
      return this.reorganisationRecorder.record(tx, operation, run, {
        action: 'department.renamed',
        departmentId: department.id,
        extra: { previousName: department.name },
      });
    });
  }
}
