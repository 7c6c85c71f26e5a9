import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import {
  DomainError,
  ErrorCode,
  GetDepartmentHistorySchema,
  PermissionsSubjects,
  type DepartmentHistory,
} from '@gongkai/contracts';
import { parseRequest } from '@gongkai/messaging';
import { DepartmentsRepository } from '../departments.repository';

/** GET /departments/{id}/history: every state it was in, oldest first. */
@Controller()
export class GetDepartmentHistoryHandler {
  constructor(private readonly departmentsRepository: DepartmentsRepository) {}

  @MessagePattern(PermissionsSubjects.getDepartmentHistory)
  async history(@Payload() payload: unknown): Promise<DepartmentHistory> {
    const { body } = parseRequest(GetDepartmentHistorySchema, payload);
    if (!(await this.departmentsRepository.get(body.id)))
      throw new DomainError(ErrorCode.NOT_FOUND, `Department ${body.id} does not exist`, { id: body.id });
    return { items: await this.departmentsRepository.history(body.id) };
  }
}
