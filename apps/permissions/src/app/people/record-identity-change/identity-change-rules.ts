import {
  DomainError,
  PermissionsErrorReasons,
  ROLE_DEFINITIONS,
  type EndedBindingRef,
  type Person,
  type PersonStatus,
  type Role,
} from '@gongkai/contracts';

/** The change needs the person in one of these statuses (PRECONDITION_FAILED otherwise). */
export function requireStatus(person: Person, allowed: PersonStatus[], what: string): void {
  if (allowed.includes(person.status)) return;
  throw DomainError.because(
    PermissionsErrorReasons.PERSON_STATUS_FORBIDS,
    `A ${what} needs a person who is ${allowed.join(' or ')}; this person is ${person.status}`,
    { personId: person.id, status: person.status, allowed },
  );
}

/**
 * After a transfer, the roles to ask for again in the new department: each department-scoped role
 * whose binding in the old department ended, once.
 */
export function rolesToRequestAgain(endedBindings: readonly EndedBindingRef[]): Role[] {
  return [...new Set(endedBindings.map((binding) => binding.role))].filter(
    (role) => ROLE_DEFINITIONS[role].departmentScoped,
  );
}
