import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { ListRoleBindingsSchema, PermissionsSubjects, type Page, type RoleBinding } from '@gongkai/contracts';
import { parseRequest } from '@gongkai/messaging';
import { BindingsRepository } from '../bindings.repository';

@Controller()
export class ListRoleBindingsHandler {
  constructor(private readonly bindingsRepository: BindingsRepository) {}

  @MessagePattern(PermissionsSubjects.listRoleBindings)
  list(@Payload() payload: unknown): Promise<Page<RoleBinding>> {
    const { body } = parseRequest(ListRoleBindingsSchema, payload);
    return this.bindingsRepository.list(body);
  }
}
