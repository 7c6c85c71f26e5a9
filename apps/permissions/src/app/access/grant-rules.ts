import {
  DomainError,
  PermissionsErrorReasons,
  ROLE_DEFINITIONS,
  type Role,
  type SubjectType,
} from '@gongkai/contracts';

export interface GrantInput {
  subjectType: SubjectType;
  subjectId: string;
  role: Role;
  departmentId: string | null;
  validFrom?: string | Date | null;
  validTo?: string | Date | null;
}

export interface GrantWindow {
  validFrom: Date;
  validTo: Date | null;
}

const toDate = (value: string | Date) => (value instanceof Date ? value : new Date(value));

/** A department-scoped role names its department; a school-wide role names none. */
export function assertRoleScope(input: Pick<GrantInput, 'role' | 'departmentId'>): void {
  const definition = ROLE_DEFINITIONS[input.role];
  if (definition.departmentScoped && input.departmentId === null) {
    throw DomainError.because(
      PermissionsErrorReasons.ROLE_SCOPE_MISMATCH,
      `${input.role} is held in one department: give departmentId`,
      { role: input.role },
    );
  }
  if (!definition.departmentScoped && input.departmentId !== null) {
    throw DomainError.because(
      PermissionsErrorReasons.ROLE_SCOPE_MISMATCH,
      `${input.role} is school-wide: leave departmentId null`,
      { role: input.role, departmentId: input.departmentId },
    );
  }
}

/** validFrom defaults to now and is never earlier (a grant cannot rewrite the past); validTo must be later and still ahead. */
export function grantWindow(now: Date, input: Pick<GrantInput, 'validFrom' | 'validTo'>): GrantWindow {
  const requestedFrom = input.validFrom ? toDate(input.validFrom) : now;
  const validFrom = requestedFrom < now ? now : requestedFrom;
  const validTo = input.validTo ? toDate(input.validTo) : null;
  if (validTo && validTo <= now) {
    throw DomainError.because(
      PermissionsErrorReasons.BINDING_WINDOW_EMPTY,
      'validTo has already passed: the binding would never be in force; give a later validTo',
      { validTo: validTo.toISOString(), now: now.toISOString() },
    );
  }
  if (validTo && validTo <= requestedFrom) {
    throw DomainError.because(
      PermissionsErrorReasons.BINDING_WINDOW_EMPTY,
      'validTo must be after validFrom: the window is empty',
      { validFrom: requestedFrom.toISOString(), validTo: validTo.toISOString() },
    );
  }
  return { validFrom, validTo };
}
