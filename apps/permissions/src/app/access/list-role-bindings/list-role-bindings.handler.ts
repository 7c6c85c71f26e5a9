import { Controller } from '@nestjs/common';
import { PermissionsRpc, type Page, type RoleBinding } from '@gongkai/contracts';
import { RpcHandler, type RpcRequest } from '@gongkai/messaging';
import { BindingsRepository } from '../bindings.repository';

@Controller()
export class ListRoleBindingsHandler {
  constructor(private readonly bindingsRepository: BindingsRepository) {}

  @RpcHandler(PermissionsRpc.listRoleBindings)
  list(call: RpcRequest<typeof PermissionsRpc.listRoleBindings>): Promise<Page<RoleBinding>> {
    const { body } = call;
    return this.bindingsRepository.list(body);
  }
}
