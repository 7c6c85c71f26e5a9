import { Injectable } from '@nestjs/common';
import {
  DomainError,
  PermissionsErrorReasons,
  type RequestMeta,
  type RevokeRoleBinding,
  type RoleBinding,
} from '@gongkai/contracts';
import { UnitOfWork } from '../../shared/unit-of-work';
import { BindingWriter } from '../binding-writer';
import { BindingsRepository } from '../bindings.repository';

/** Ends the binding now, with a reason; a binding that has ended already is a conflict. */
@Injectable()
export class RevokeRoleBindingUseCase {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly bindingsRepository: BindingsRepository,
    private readonly bindingWriter: BindingWriter,
  ) {}

  execute(meta: RequestMeta, body: RevokeRoleBinding): Promise<RoleBinding> {
    return this.unitOfWork.run(meta, async (tx, operation) => {
      const binding = await this.bindingsRepository.lock(tx, body.id);
      if (!binding) {
        throw DomainError.because(
          PermissionsErrorReasons.ROLE_BINDING_NOT_FOUND,
          `Role binding ${body.id} does not exist`,
          { id: body.id },
        );
      }
      const ended =
        binding.status === 'active'
          ? await this.bindingWriter.end(tx, operation, binding, {
              endReason: 'revoked',
              reason: body.reason,
            })
          : null;
      if (!ended) {
        throw DomainError.because(
          PermissionsErrorReasons.ROLE_BINDING_ENDED,
          `Role binding ${body.id} has already ended (${binding.endReason ?? 'ended'} at ${binding.endedAt ?? 'unknown'})`,
          { id: body.id, endReason: binding.endReason, endedAt: binding.endedAt },
        );
      }
      return ended;
    });
  }
}
