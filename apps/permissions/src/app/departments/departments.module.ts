import { Module } from '@nestjs/common';
import { CreateDepartmentHandler } from './create-department/create-department.handler';
import { CreateDepartmentUseCase } from './create-department/create-department.use-case';
import { GetDepartmentHandler } from './get-department/get-department.handler';
import { GetDepartmentHistoryHandler } from './get-department-history/get-department-history.handler';
import { ListDepartmentsHandler } from './list-departments/list-departments.handler';
import { UpdateDepartmentHandler } from './update-department/update-department.handler';
import { UpdateDepartmentUseCase } from './update-department/update-department.use-case';

@Module({
  controllers: [
    CreateDepartmentHandler,
    ListDepartmentsHandler,
    GetDepartmentHandler,
    UpdateDepartmentHandler,
    GetDepartmentHistoryHandler,
  ],
  providers: [CreateDepartmentUseCase, UpdateDepartmentUseCase],
})
export class DepartmentsModule {}
