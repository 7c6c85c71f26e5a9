import { Controller } from '@nestjs/common';
import { PermissionsRpc, type RoleBinding } from '@gongkai/contracts';
import { RpcHandler, type RpcRequest } from '@gongkai/messaging';
import { RevokeRoleBindingUseCase } from './revoke-role-binding.use-case';

/** POST /role-bindings/{id}/revoke: ends the binding now, with a reason. */
@Controller()
export class RevokeRoleBindingHandler {
  constructor(private readonly revokeRoleBinding: RevokeRoleBindingUseCase) {}

  @RpcHandler(PermissionsRpc.revokeRoleBinding)
  revoke({ meta, body }: RpcRequest<typeof PermissionsRpc.revokeRoleBinding>): Promise<RoleBinding> {
    return this.revokeRoleBinding.execute(meta, body);
  }
}
