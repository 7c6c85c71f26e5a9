import { Module } from '@nestjs/common';
import { CreateDepartmentHandler } from './create-department/create-department.handler';
import { ListDepartmentsHandler } from './list-departments/list-departments.handler';
import { DepartmentsRepository } from './departments.repository';

@Module({
  controllers: [CreateDepartmentHandler, ListDepartmentsHandler],
  providers: [DepartmentsRepository],
})
export class DepartmentsModule {}
