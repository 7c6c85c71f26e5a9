import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import {
  DomainError,
  ErrorCode,
  GetDepartmentSchema,
  PermissionsSubjects,
  type Department,
} from '@gongkai/contracts';
import { parseRequest } from '@gongkai/messaging';
import { DepartmentsRepository } from '../departments.repository';

@Controller()
export class GetDepartmentHandler {
  constructor(private readonly departmentsRepository: DepartmentsRepository) {}

  @MessagePattern(PermissionsSubjects.getDepartment)
  async get(@Payload() payload: unknown): Promise<Department> {
    const { body } = parseRequest(GetDepartmentSchema, payload);
    const department = await this.departmentsRepository.get(body.id);
    if (!department)
      throw new DomainError(ErrorCode.NOT_FOUND, `Department ${body.id} does not exist`, { id: body.id });
    return department;
  }
}
