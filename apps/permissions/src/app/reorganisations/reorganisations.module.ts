import { Module } from '@nestjs/common';
import { DepartmentContentsMover } from './department-contents-mover';
import { DissolveDepartmentHandler } from './dissolve-department/dissolve-department.handler';
import { DissolveDepartmentUseCase } from './dissolve-department/dissolve-department.use-case';
import { ListReorganisationsHandler } from './list-reorganisations/list-reorganisations.handler';
import { MergeDepartmentsHandler } from './merge-departments/merge-departments.handler';
import { MergeDepartmentsUseCase } from './merge-departments/merge-departments.use-case';
import { RenameDepartmentHandler } from './rename-department/rename-department.handler';
import { RenameDepartmentUseCase } from './rename-department/rename-department.use-case';
import { ReorganisationDepartments } from './reorganisation-departments';
import { ReorganisationRecorder } from './reorganisation-recorder';
import { SplitDepartmentHandler } from './split-department/split-department.handler';
import { SplitDepartmentUseCase } from './split-department/split-department.use-case';

/**
 * Reorganisations (机构改革): rename, merge, split, dissolve. Each runs in one transaction:
 * departments change (with revisions), people and their department-scoped bindings move, and one
 * event per reorganisation lists every affected department.
 */
@Module({
  controllers: [
    RenameDepartmentHandler,
    MergeDepartmentsHandler,
    SplitDepartmentHandler,
    DissolveDepartmentHandler,
    ListReorganisationsHandler,
  ],
  providers: [
    ReorganisationDepartments,
    DepartmentContentsMover,
    ReorganisationRecorder,
    RenameDepartmentUseCase,
    MergeDepartmentsUseCase,
    SplitDepartmentUseCase,
    DissolveDepartmentUseCase,
  ],
})
export class ReorganisationsModule {}
