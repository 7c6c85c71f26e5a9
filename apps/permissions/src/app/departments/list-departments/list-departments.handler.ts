import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { ListDepartmentsSchema, PermissionsSubjects, type Department, type Page } from '@gongkai/contracts';
import { parseRequest } from '@gongkai/messaging';
import { DepartmentsRepository } from '../departments.repository';

// Department ids are UUIDv7, so the cursor (the last id seen) orders by creation time.
@Controller()
export class ListDepartmentsHandler {
  constructor(private readonly departmentsRepository: DepartmentsRepository) {}

  @MessagePattern(PermissionsSubjects.listDepartments)
  list(@Payload() payload: unknown): Promise<Page<Department>> {
    const { body } = parseRequest(ListDepartmentsSchema, payload);
    return this.departmentsRepository.list(body);
  }
}
