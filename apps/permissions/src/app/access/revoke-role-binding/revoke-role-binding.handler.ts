import { Controller } from '@nestjs/common';
import { DomainError, ErrorCode, PermissionsRpc, type RoleBinding } from '@gongkai/contracts';
import { RpcHandler, type RpcRequest } from '@gongkai/messaging';
import { UnitOfWork } from '../../shared/unit-of-work';
import { AccessService } from '../access.service';
import { BindingsRepository } from '../bindings.repository';

/** POST /role-bindings/{id}/revoke: ends the binding now, with a reason. */
@Controller()
export class RevokeRoleBindingHandler {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly bindingsRepository: BindingsRepository,
    private readonly accessService: AccessService,
  ) {}

  @RpcHandler(PermissionsRpc.revokeRoleBinding)
  revoke(call: RpcRequest<typeof PermissionsRpc.revokeRoleBinding>): Promise<RoleBinding> {
    const { meta, body } = call;
    return this.unitOfWork.run(meta, async (tx, operation) => {
      const binding = await this.bindingsRepository.lock(tx, body.id);
      if (!binding) {
        throw new DomainError(ErrorCode.NOT_FOUND, `Role binding ${body.id} does not exist`, { id: body.id });
      }
      const ended =
        binding.status === 'active'
          ? await this.accessService.end(tx, operation, binding, {
              endReason: 'revoked',
              reason: body.reason,
            })
          : null;
      if (!ended) {
        throw new DomainError(
          ErrorCode.CONFLICT,
          `Role binding ${body.id} has already ended (${binding.endReason ?? 'ended'} at ${binding.endedAt ?? 'unknown'})`,
          { id: body.id, endReason: binding.endReason, endedAt: binding.endedAt },
        );
      }
      return ended;
    });
  }
}
