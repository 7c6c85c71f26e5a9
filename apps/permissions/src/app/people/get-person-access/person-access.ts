import type { EffectivePermission, Person, PersonAccess, RoleBinding } from '@gongkai/contracts';
import { isInForce, type BindingFacts } from '../../access/decision-rule';
import { toEffectivePermission } from '../../access/effective-permissions';

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
export function heldUntil(binding: RoleBinding): EffectivePermission {
  const permission = toEffectivePermission(binding);
  if (binding.endedAt && (binding.validTo === null || binding.endedAt < binding.validTo)) {
    return { ...permission, validTo: binding.endedAt };
  }
  return permission;
}

/**
 * What the person can do at `at`, from the bindings that can matter then (active ones and ones
 * that ended later): those in force, and those that start later, oldest first.
 */
export function personAccessAt(person: Person, bindings: readonly RoleBinding[], at: Date): PersonAccess {
  const ordered = [...bindings].sort(
    (a, b) => a.validFrom.localeCompare(b.validFrom) || a.id.localeCompare(b.id),
  );
  return {
    personId: person.id,
    status: person.status,
    departmentId: person.departmentId,
    at: at.toISOString(),
    usable: person.status === 'active',
    permissions: ordered.filter((binding) => isInForce(factsOf(binding), at)).map(heldUntil),
    upcoming: ordered
      .filter((binding) => binding.status === 'active' && new Date(binding.validFrom) > at)
      .map(heldUntil),
  };
}
