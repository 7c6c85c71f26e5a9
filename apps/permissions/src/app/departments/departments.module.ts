import { Module } from '@nestjs/common';
import { CreateDepartmentHandler } from './create-department/create-department.handler';
import { GetDepartmentHandler } from './get-department/get-department.handler';
import { GetDepartmentHistoryHandler } from './get-department-history/get-department-history.handler';
import { ListDepartmentsHandler } from './list-departments/list-departments.handler';
import { UpdateDepartmentHandler } from './update-department/update-department.handler';

@Module({
  controllers: [
    CreateDepartmentHandler,
    ListDepartmentsHandler,
    GetDepartmentHandler,
    UpdateDepartmentHandler,
    GetDepartmentHistoryHandler,
  ],
})
export class DepartmentsModule {}
