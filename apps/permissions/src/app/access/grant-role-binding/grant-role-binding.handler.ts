import { Controller } from '@nestjs/common';
import { PermissionsRpc, type RoleBinding } from '@gongkai/contracts';
import { RpcHandler, type RpcRequest } from '@gongkai/messaging';
import { GrantRoleBindingUseCase } from './grant-role-binding.use-case';

/** POST /role-bindings: an administrator grants a role directly (no request needed). */
@Controller()
export class GrantRoleBindingHandler {
  constructor(private readonly grantRoleBinding: GrantRoleBindingUseCase) {}

  @RpcHandler(PermissionsRpc.grantRoleBinding)
  grant({ meta, body }: RpcRequest<typeof PermissionsRpc.grantRoleBinding>): Promise<RoleBinding> {
    return this.grantRoleBinding.execute(meta, body);
  }
}
