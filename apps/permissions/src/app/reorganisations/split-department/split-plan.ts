import {
  DomainError,
  PermissionsErrorReasons,
  type Department,
  type Person,
  type SplitDepartment,
} from '@gongkai/contracts';
import { describePeople } from '../describe-people';

/** The plan on its own: distinct target codes, assignments that name a target, nobody assigned twice. */
export function checkSplitPlan(body: Pick<SplitDepartment, 'targets' | 'assignments'>): void {
  const codes = body.targets.map((target) => target.code);
  if (new Set(codes).size !== codes.length) {
    throw DomainError.because(
      PermissionsErrorReasons.REORGANISATION_INVALID,
      'Two targets have the same code',
      { codes },
    );
  }
  const badIndex = body.assignments.find((assignment) => assignment.targetIndex >= body.targets.length);
  if (badIndex) {
    throw DomainError.because(
      PermissionsErrorReasons.REORGANISATION_INVALID,
      `targetIndex ${badIndex.targetIndex} names no target; there are ${body.targets.length}`,
      { assignment: badIndex },
    );
  }
  const assignedPersonIds = body.assignments.map((assignment) => assignment.personId);
  if (new Set(assignedPersonIds).size !== assignedPersonIds.length) {
    throw DomainError.because(
      PermissionsErrorReasons.REORGANISATION_INVALID,
      'A person is assigned twice',
      {},
    );
  }
}

/** The plan against the department's members: it assigns every member, and nobody else. */
export function checkEveryMemberAssigned(
  source: Department,
  members: readonly Person[],
  assignments: SplitDepartment['assignments'],
): void {
  const assignedPersonIds = assignments.map((assignment) => assignment.personId);
  const memberIds = new Set(members.map((member) => member.id));
  const strangers = assignedPersonIds.filter((id) => !memberIds.has(id));
  if (strangers.length > 0) {
    throw DomainError.because(
      PermissionsErrorReasons.REORGANISATION_INVALID,
      `Assigned people who do not belong to ${source.code}: ${strangers.join(', ')}`,
      { personIds: strangers },
    );
  }
  const assigned = new Set(assignedPersonIds);
  const unassigned = members.filter((member) => !assigned.has(member.id));
  if (unassigned.length > 0) {
    throw DomainError.because(
      PermissionsErrorReasons.REORGANISATION_INCOMPLETE,
      `Assign everyone in ${source.code} to a target; still unassigned: ${describePeople(unassigned)}`,
      { personIds: unassigned.map((person) => person.id) },
    );
  }
}
