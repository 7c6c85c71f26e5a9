import { Module } from '@nestjs/common';
import { DissolveDepartmentHandler } from './dissolve-department/dissolve-department.handler';
import { ListReorganisationsHandler } from './list-reorganisations/list-reorganisations.handler';
import { MergeDepartmentsHandler } from './merge-departments/merge-departments.handler';
import { RenameDepartmentHandler } from './rename-department/rename-department.handler';
import { SplitDepartmentHandler } from './split-department/split-department.handler';

@Module({
  controllers: [
    RenameDepartmentHandler,
    MergeDepartmentsHandler,
    SplitDepartmentHandler,
    DissolveDepartmentHandler,
    ListReorganisationsHandler,
  ],
})
export class ReorganisationsModule {}
