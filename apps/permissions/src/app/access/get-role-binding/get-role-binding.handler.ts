import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import {
  DomainError,
  ErrorCode,
  GetRoleBindingSchema,
  PermissionsSubjects,
  type RoleBinding,
} from '@gongkai/contracts';
import { parseRequest } from '@gongkai/messaging';
import { BindingsRepository } from '../bindings.repository';

@Controller()
export class GetRoleBindingHandler {
  constructor(private readonly bindingsRepository: BindingsRepository) {}

  @MessagePattern(PermissionsSubjects.getRoleBinding)
  async get(@Payload() payload: unknown): Promise<RoleBinding> {
    const { body } = parseRequest(GetRoleBindingSchema, payload);
    const binding = await this.bindingsRepository.get(body.id);
    if (!binding)
      throw new DomainError(ErrorCode.NOT_FOUND, `Role binding ${body.id} does not exist`, { id: body.id });
    return binding;
  }
}
