import { ROLE_DEFINITIONS, type EffectivePermission, type RoleBinding } from '@gongkai/contracts';

export function toEffectivePermission(binding: RoleBinding): EffectivePermission {
  return {
    bindingId: binding.id,
    role: binding.role,
    actions: [...ROLE_DEFINITIONS[binding.role].actions],
    departmentId: binding.departmentId,
    validFrom: binding.validFrom,
    validTo: binding.validTo,
  };
}
