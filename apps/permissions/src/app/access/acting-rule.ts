import { ADMIN_ROLES, type ActingDecision, type Role } from '@gongkai/contracts';
import { isInForce, type BindingFacts } from './decision-rule';

export interface ActingFacts {
  /** null: no such client. The bootstrap admin key: every role but the admin roles. */
  client: {
    status: 'active' | 'revoked';
    mayActForPersons: boolean;
    actForRoles: readonly Role[];
    /** Only the bootstrap admin key, which may do everything itself: it acts for anybody active. */
    unrestricted?: boolean;
  } | null;
  /** null: no such person. */
  person: { status: 'active' | 'on_leave' | 'departed' } | null;
  personBindings: readonly BindingFacts[];
  at: Date;
}

const ADMIN: readonly Role[] = ADMIN_ROLES;

/**
 * May a client act for a person (X-Acting-Person)? Pure: the use case loads the facts. Only an
 * active client allowed to act for persons, for an active person, none of whose roles in force at
 * `at` is an admin role or outside the client's `actForRoles`: a client can never lend a person
 * more than it was trusted with, nor borrow an administrator's rights.
 */
export function decideActing(facts: ActingFacts): ActingDecision {
  const { client, person } = facts;
  if (!client) return { allow: false, reason: 'No such API client' };
  if (client.status !== 'active') return { allow: false, reason: 'The API client has been revoked' };
  if (!client.mayActForPersons) return { allow: false, reason: 'The API client may not act for persons' };
  if (!person) return { allow: false, reason: 'No such person' };
  if (person.status !== 'active') {
    return { allow: false, reason: `The person is ${person.status}: nobody may act for them` };
  }
  if (client.unrestricted)
    return { allow: true, reason: 'The bootstrap admin key may act for anybody active' };
  const roles = [
    ...new Set(facts.personBindings.filter((binding) => isInForce(binding, facts.at)).map((b) => b.role)),
  ];
  const admin = roles.filter((role) => ADMIN.includes(role));
  if (admin.length > 0) {
    return {
      allow: false,
      reason: `The person holds ${admin.join(', ')}: no API client may act for an administrator`,
    };
  }
  const outside = roles.filter((role) => !client.actForRoles.includes(role));
  if (outside.length > 0) {
    return {
      allow: false,
      reason:
        `The person holds ${outside.join(', ')}, beyond the roles the client may act for ` +
        `(${client.actForRoles.join(', ') || 'none'})`,
    };
  }
  return { allow: true, reason: `The client may act for this person (roles: ${roles.join(', ') || 'none'})` };
}
