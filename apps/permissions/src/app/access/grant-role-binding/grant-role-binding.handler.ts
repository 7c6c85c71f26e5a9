import { Controller } from '@nestjs/common';
import { PermissionsRpc, type RoleBinding } from '@gongkai/contracts';
import { RpcHandler, type RpcRequest } from '@gongkai/messaging';
import { UnitOfWork } from '../../shared/unit-of-work';
import { AccessService } from '../access.service';

/** POST /role-bindings: an administrator grants a role directly (no request needed). */
@Controller()
export class GrantRoleBindingHandler {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly accessService: AccessService,
  ) {}

  @RpcHandler(PermissionsRpc.grantRoleBinding)
  grant(call: RpcRequest<typeof PermissionsRpc.grantRoleBinding>): Promise<RoleBinding> {
    const { meta, body } = call;
    return this.unitOfWork.run(meta, async (tx, operation) => {
      const window = await this.accessService.validateGrant(tx, operation, body);
      return this.accessService.grant(tx, operation, { ...body, ...window, origin: 'grant' });
    });
  }
}
