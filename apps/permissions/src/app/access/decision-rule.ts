import { ROLE_DEFINITIONS, roleGrants, type Action, type Decision, type Role } from '@gongkai/contracts';

/**
 * THE decision rule (docs/roles-and-actions.md). Pure: the handler loads the facts, this decides.
 *
 * Allow iff the subject exists and is usable (a person `active`: `on_leave` and `departed` are
 * denied; a client not `revoked`) and some binding of it is in force at `at` (status active or
 * ended later than `at`, validFrom ≤ at < validTo) whose role grants the action and whose scope
 * covers the target. A school-wide binding (departmentId null) covers every department and
 * school-wide targets; a department binding covers exactly that department: not its parent, not a
 * sibling, NOT its descendants (a college's liaison is not the liaison of its institutes), and
 * never a school-wide target.
 */
export type SubjectState =
  | { type: 'person'; status: 'active' | 'on_leave' | 'departed' }
  | { type: 'client'; status: 'active' | 'revoked' };

export interface BindingFacts {
  id: string;
  role: Role;
  /** null = school-wide. */
  departmentId: string | null;
  validFrom: Date;
  validTo: Date | null;
  status: 'active' | 'ended';
  endedAt: Date | null;
}

export interface DecisionFacts {
  /** null: no such subject. */
  subject: SubjectState | null;
  bindings: readonly BindingFacts[];
  action: Action;
  /** The target department; null = a school-wide target. */
  departmentId: string | null;
  at: Date;
}

export function scopeCovers(bindingDepartmentId: string | null, targetDepartmentId: string | null): boolean {
  if (bindingDepartmentId === null) return true;
  return bindingDepartmentId === targetDepartmentId;
}

/** In force at `at`: started, not past validTo, and not ended by then. */
export function isInForce(binding: BindingFacts, at: Date): boolean {
  const time = at.getTime();
  if (binding.validFrom.getTime() > time) return false;
  if (binding.validTo !== null && time >= binding.validTo.getTime()) return false;
  if (binding.status === 'ended') return binding.endedAt !== null && time < binding.endedAt.getTime();
  return true;
}

function where(departmentId: string | null): string {
  return departmentId === null ? 'school-wide' : `in department ${departmentId}`;
}

function deny(reason: string, validUntil: Date | null): Decision {
  return { allow: false, reason, bindingId: null, validUntil: validUntil?.toISOString() ?? null };
}

export function decide(facts: DecisionFacts): Decision {
  const { subject, action, departmentId, at } = facts;
  if (subject === null) return deny('No such subject: it is not a known person or API client', null);
  if (subject.type === 'person' && subject.status === 'on_leave')
    return deny('The person is on leave: every permission is suspended until they return', null);
  if (subject.type === 'person' && subject.status === 'departed')
    return deny('The person has departed: they hold no permissions', null);
  if (subject.type === 'client' && subject.status === 'revoked')
    return deny('The API client has been revoked', null);

  const granting = facts.bindings.filter((binding) => roleGrants(binding.role, action));
  const relevant = granting.filter((binding) => scopeCovers(binding.departmentId, departmentId));
  const validUntil = earliestBoundaryAfter(relevant, at);
  const inForce = relevant.filter((binding) => isInForce(binding, at));

  if (inForce.length > 0) {
    // The binding that holds longest names the reason; validUntil still covers every boundary.
    const chosen = [...inForce].sort(
      (a, b) => (b.validTo?.getTime() ?? Infinity) - (a.validTo?.getTime() ?? Infinity),
    )[0] as BindingFacts;
    return {
      allow: true,
      reason: `Role ${chosen.role} (binding ${chosen.id}, ${where(chosen.departmentId)}) grants ${action}`,
      bindingId: chosen.id,
      validUntil: validUntil?.toISOString() ?? null,
    };
  }

  const upcoming = relevant.find((binding) => binding.status === 'active' && binding.validFrom > at);
  if (upcoming)
    return deny(
      `Role ${upcoming.role} grants ${action} ${where(departmentId)} only from ${upcoming.validFrom.toISOString()}`,
      validUntil,
    );
  if (relevant.length > 0) {
    const last = relevant[0] as BindingFacts;
    return deny(
      `Role ${last.role} granted ${action} ${where(departmentId)} but binding ${last.id} is no longer in force`,
      validUntil,
    );
  }
  const elsewhere = granting.find((binding) => isInForce(binding, at));
  if (elsewhere) {
    return deny(
      `Role ${elsewhere.role} grants ${action} only ${where(elsewhere.departmentId)}, not ${where(departmentId)}`,
      validUntil,
    );
  }
  const roles = Object.values(ROLE_DEFINITIONS)
    .filter((definition) => definition.actions.includes(action))
    .map((definition) => definition.role);
  return deny(
    `No role the subject holds grants ${action}; roles that do: ${roles.join(', ') || 'none'}`,
    validUntil,
  );
}

/** The earliest future moment a binding that matters starts or stops: the answer may change then. */
function earliestBoundaryAfter(bindings: readonly BindingFacts[], at: Date): Date | null {
  let earliest: number | null = null;
  for (const binding of bindings) {
    for (const boundary of [binding.validFrom, binding.validTo, binding.endedAt]) {
      if (boundary === null) continue;
      const time = boundary.getTime();
      if (time > at.getTime() && (earliest === null || time < earliest)) earliest = time;
    }
  }
  return earliest === null ? null : new Date(earliest);
}

/** Where a subject may do an action at `at`: everywhere (a school-wide binding) or in these departments. */
export interface ActionReach {
  schoolWide: boolean;
  departmentIds: string[];
}

/**
 * The departments `decide` would allow the action in, for lists a service filters by the caller
 * (a reviewer's own department's requests): the same subject and binding rules, no target.
 */
export function reachOf(facts: Omit<DecisionFacts, 'departmentId'>): ActionReach {
  const { subject, action, at } = facts;
  if (subject === null || subject.status !== 'active') return { schoolWide: false, departmentIds: [] };
  const inForce = facts.bindings.filter(
    (binding) => roleGrants(binding.role, action) && isInForce(binding, at),
  );
  if (inForce.some((binding) => binding.departmentId === null))
    return { schoolWide: true, departmentIds: [] };
  const departmentIds = [...new Set(inForce.map((binding) => binding.departmentId as string))].sort();
  return { schoolWide: false, departmentIds };
}
