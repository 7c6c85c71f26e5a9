import { Controller } from '@nestjs/common';
import { DomainError, PermissionsErrorReasons, PermissionsRpc, type RoleBinding } from '@gongkai/contracts';
import { RpcHandler, type RpcRequest } from '@gongkai/messaging';
import { BindingsRepository } from '../bindings.repository';

@Controller()
export class GetRoleBindingHandler {
  constructor(private readonly bindingsRepository: BindingsRepository) {}

  @RpcHandler(PermissionsRpc.getRoleBinding)
  async get(call: RpcRequest<typeof PermissionsRpc.getRoleBinding>): Promise<RoleBinding> {
    const { body } = call;
    const binding = await this.bindingsRepository.get(body.id);
    if (!binding)
      throw DomainError.because(
        PermissionsErrorReasons.ROLE_BINDING_NOT_FOUND,
        `Role binding ${body.id} does not exist`,
        { id: body.id },
      );
    return binding;
  }
}
