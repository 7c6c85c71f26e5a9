import type { Role } from '@gongkai/contracts';
import { decideActing, type ActingFacts } from './acting-rule';
import type { BindingFacts } from './decision-rule';

const at = new Date('2026-11-30T03:00:00Z');
const binding = (role: Role, overrides: Partial<BindingFacts> = {}): BindingFacts => ({
  id: `b-${role}`,
  role,
  departmentId: role === 'disclosure_admin' ? null : 'dept-a',
  validFrom: new Date('2026-01-01T00:00:00Z'),
  validTo: null,
  status: 'active',
  endedAt: null,
  ...overrides,
});
const portal: ActingFacts['client'] = {
  status: 'active',
  mayActForPersons: true,
  actForRoles: ['dept_liaison'],
};
const facts = (overrides: Partial<ActingFacts>): ActingFacts => ({
  client: portal,
  person: { status: 'active' },
  personBindings: [],
  at,
  ...overrides,
});

describe('acting for a person (X-Acting-Person)', () => {
  it('allows acting for an active person whose roles are all among the client’s, or who holds none', () => {
    expect(decideActing(facts({ personBindings: [binding('dept_liaison')] })).allow).toBe(true);
    expect(decideActing(facts({})).allow).toBe(true);
  });

  it('refuses a person holding a role beyond the client’s, naming it', () => {
    const decision = decideActing(
      facts({ personBindings: [binding('dept_liaison'), binding('dept_reviewer')] }),
    );
    expect(decision).toEqual({ allow: false, reason: expect.stringContaining('dept_reviewer') });
  });

  it('never acts for an administrator, whatever the client may act for', () => {
    const everything: ActingFacts['client'] = {
      status: 'active',
      mayActForPersons: true,
      actForRoles: ['disclosure_admin', 'dept_liaison'],
    };
    const decision = decideActing(
      facts({ client: everything, personBindings: [binding('disclosure_admin')] }),
    );
    expect(decision).toEqual({ allow: false, reason: expect.stringContaining('administrator') });
  });

  it('lets the bootstrap admin key act for anybody active, an administrator too, but not for the departed', () => {
    const bootstrap: ActingFacts['client'] = { ...portal!, unrestricted: true };
    expect(
      decideActing(facts({ client: bootstrap, personBindings: [binding('disclosure_admin')] })).allow,
    ).toBe(true);
    expect(decideActing(facts({ client: bootstrap, person: { status: 'departed' } })).allow).toBe(false);
  });

  it('refuses people on leave, departed or unknown, and revoked clients or clients not allowed to act', () => {
    expect(decideActing(facts({ person: { status: 'departed' } })).allow).toBe(false);
    expect(decideActing(facts({ person: { status: 'on_leave' } })).allow).toBe(false);
    expect(decideActing(facts({ person: null })).allow).toBe(false);
    expect(decideActing(facts({ client: { ...portal!, status: 'revoked' } })).allow).toBe(false);
    expect(decideActing(facts({ client: { ...portal!, mayActForPersons: false } })).allow).toBe(false);
    expect(decideActing(facts({ client: null })).allow).toBe(false);
  });

  it('looks only at roles in force at the time: an ended or future binding does not count', () => {
    const ended = binding('dept_reviewer', { status: 'ended', endedAt: new Date('2026-06-01T00:00:00Z') });
    const future = binding('auditor', { validFrom: new Date('2027-01-01T00:00:00Z') });
    expect(decideActing(facts({ personBindings: [binding('dept_liaison'), ended, future] })).allow).toBe(
      true,
    );
  });
});
