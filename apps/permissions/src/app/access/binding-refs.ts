import type { EndedBindingRef, RoleBinding } from '@gongkai/contracts';

/** How an identity change or a reorganisation names a binding it ended. */
export function endedBindingRef(binding: RoleBinding): EndedBindingRef {
  return {
    bindingId: binding.id,
    subjectType: binding.subjectType,
    subjectId: binding.subjectId,
    role: binding.role,
    departmentId: binding.departmentId,
  };
}
