import { Controller } from '@nestjs/common';
import {
  DomainError,
  ErrorCode,
  PermissionsRpc,
  type EffectivePermission,
  type PersonAccess,
  type RoleBinding,
} from '@gongkai/contracts';
import { RpcHandler, type RpcRequest } from '@gongkai/messaging';
import { BindingsRepository, toRoleBinding } from '../../access/bindings.repository';
import { isInForce, type BindingFacts } from '../../access/decision-rule';
import { toEffectivePermission } from '../../access/effective-permissions';
import { PrismaService } from '../../prisma.service';
import { Clock } from '../../shared/clock';
import { PeopleRepository } from '../people.repository';

function factsOf(binding: RoleBinding): BindingFacts {
  return {
    id: binding.id,
    role: binding.role,
    departmentId: binding.departmentId,
    validFrom: new Date(binding.validFrom),
    validTo: binding.validTo ? new Date(binding.validTo) : null,
    status: binding.status,
    endedAt: binding.endedAt ? new Date(binding.endedAt) : null,
  };
}

/** Until when it really held: a binding ended early holds until it ended. */
function heldUntil(binding: RoleBinding): EffectivePermission {
  const permission = toEffectivePermission(binding);
  if (binding.endedAt && (binding.validTo === null || binding.endedAt < binding.validTo)) {
    return { ...permission, validTo: binding.endedAt };
  }
  return permission;
}

/** GET /people/{id}/access: what can this person do, where, until when (now, or `at`). */
@Controller()
export class GetPersonAccessHandler {
  constructor(
    private readonly prisma: PrismaService,
    private readonly peopleRepository: PeopleRepository,
    private readonly bindingsRepository: BindingsRepository,
    private readonly clock: Clock,
  ) {}

  @RpcHandler(PermissionsRpc.getPersonAccess)
  async get(call: RpcRequest<typeof PermissionsRpc.getPersonAccess>): Promise<PersonAccess> {
    const { body } = call;
    const at = body.at ? new Date(body.at) : this.clock.now();
    const person = await this.peopleRepository.get(body.personId);
    if (!person) {
      throw new DomainError(ErrorCode.NOT_FOUND, `Person ${body.personId} does not exist`, {
        personId: body.personId,
      });
    }
    const bindings = (await this.bindingsRepository.decisionFactsOf(this.prisma, 'person', person.id, at))
      .map(toRoleBinding)
      .sort((a, b) => a.validFrom.localeCompare(b.validFrom) || a.id.localeCompare(b.id));
    return {
      personId: person.id,
      status: person.status,
      departmentId: person.departmentId,
      at: at.toISOString(),
      usable: person.status === 'active',
      permissions: bindings.filter((binding) => isInForce(factsOf(binding), at)).map(heldUntil),
      upcoming: bindings
        .filter((binding) => binding.status === 'active' && new Date(binding.validFrom) > at)
        .map(heldUntil),
    };
  }
}
