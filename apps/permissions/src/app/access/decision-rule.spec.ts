import { ACTIONS, ROLES, ROLE_DEFINITIONS, roleGrants, type Action, type Role } from '@gongkai/contracts';
import {
  decide,
  isInForce,
  reachOf,
  scopeCovers,
  type BindingFacts,
  type DecisionFacts,
} from './decision-rule';

const A = '0190a1b2-0000-7000-8000-00000000000a';
const B = '0190a1b2-0000-7000-8000-00000000000b';
const AT = new Date('2024-06-01T08:00:00Z');
const hours = (n: number) => new Date(AT.getTime() + n * 3_600_000);

function binding(overrides: Partial<BindingFacts> & { role: Role }): BindingFacts {
  return {
    id: '0190a1b2-0000-7000-8000-0000000000b1',
    departmentId: null,
    validFrom: hours(-24),
    validTo: null,
    status: 'active',
    endedAt: null,
    ...overrides,
  };
}

function facts(overrides: Partial<DecisionFacts>): DecisionFacts {
  return {
    subject: { type: 'person', status: 'active' },
    bindings: [],
    action: 'rounds.task.submit',
    departmentId: A,
    at: AT,
    ...overrides,
  };
}

/** A holder of each role, bound the way the role is always bound: to department A, or school-wide. */
function holderOf(role: Role): BindingFacts {
  return binding({ role, departmentId: ROLE_DEFINITIONS[role].departmentScoped ? A : null });
}

describe('decision rule', () => {
  describe('authorization matrix: every role × action × same / other department / school-wide target', () => {
    const cases = ROLES.flatMap((role) => ACTIONS.map((action) => [role, action] as [Role, Action]));

    it.each(cases)('%s × %s', (role, action) => {
      const grants = roleGrants(role, action);
      const scoped = ROLE_DEFINITIONS[role].departmentScoped;
      const bindings = [holderOf(role)];
      const same = decide(facts({ bindings, action, departmentId: A }));
      const other = decide(facts({ bindings, action, departmentId: B }));
      const schoolWide = decide(facts({ bindings, action, departmentId: null }));
      expect({ same: same.allow, other: other.allow, schoolWide: schoolWide.allow }).toEqual({
        same: grants,
        other: grants && !scoped,
        schoolWide: grants && !scoped,
      });
      expect(same.bindingId).toBe(grants ? bindings[0]?.id : null);
    });

    it('covers all 8 roles and 19 actions', () => {
      expect(cases).toHaveLength(ROLES.length * ACTIONS.length);
    });
  });

  it('denies a subject that does not exist, a person on leave or departed, a revoked client', () => {
    const bindings = [binding({ role: 'disclosure_admin' })];
    expect(decide(facts({ subject: null, bindings })).reason).toMatch(/No such subject/);
    expect(decide(facts({ subject: { type: 'person', status: 'on_leave' }, bindings }))).toMatchObject({
      allow: false,
      reason: expect.stringMatching(/on leave/),
    });
    expect(decide(facts({ subject: { type: 'person', status: 'departed' }, bindings })).allow).toBe(false);
    expect(decide(facts({ subject: { type: 'client', status: 'revoked' }, bindings })).allow).toBe(false);
    expect(decide(facts({ subject: { type: 'client', status: 'active' }, bindings })).allow).toBe(true);
  });

  it('never lets a department binding act in another department or on a school-wide target', () => {
    const liaisonOfA = [binding({ role: 'dept_liaison', departmentId: A })];
    const other = decide(facts({ bindings: liaisonOfA, departmentId: B }));
    expect(other.allow).toBe(false);
    expect(other.reason).toContain(`only in department ${A}`);
    expect(decide(facts({ bindings: liaisonOfA, departmentId: null })).allow).toBe(false);
    expect(scopeCovers(A, B)).toBe(false);
    expect(scopeCovers(null, B)).toBe(true);
    expect(scopeCovers(null, null)).toBe(true);
  });

  it('says which roles would grant an action nobody gave the subject', () => {
    expect(decide(facts({ bindings: [], action: 'rounds.task.approve' })).reason).toBe(
      'No role the subject holds grants rounds.task.approve; roles that do: disclosure_admin',
    );
  });

  describe('validity windows', () => {
    const liaison = (overrides: Partial<BindingFacts>) =>
      binding({ role: 'dept_liaison', departmentId: A, ...overrides });

    it('holds from validFrom (inclusive) to validTo (exclusive)', () => {
      const window = liaison({ validFrom: AT, validTo: hours(1) });
      expect(isInForce(window, AT)).toBe(true);
      expect(isInForce(window, new Date(hours(1).getTime() - 1))).toBe(true);
      expect(isInForce(window, hours(1))).toBe(false);
      expect(isInForce(window, new Date(AT.getTime() - 1))).toBe(false);
    });

    it('allows until the binding ends, and says so in validUntil', () => {
      const decision = decide(facts({ bindings: [liaison({ validTo: hours(2) })] }));
      expect(decision).toMatchObject({ allow: true, validUntil: hours(2).toISOString() });
    });

    it('denies before a future binding starts, valid until it starts', () => {
      const decision = decide(facts({ bindings: [liaison({ validFrom: hours(3), validTo: hours(5) })] }));
      expect(decision).toMatchObject({ allow: false, validUntil: hours(3).toISOString() });
      expect(decision.reason).toMatch(/only from/);
    });

    it('bounds validUntil by the earliest boundary of every binding that matters', () => {
      const decision = decide(
        facts({
          bindings: [
            liaison({ id: '0190a1b2-0000-7000-8000-0000000000c1', validTo: null }),
            liaison({ id: '0190a1b2-0000-7000-8000-0000000000c2', validFrom: hours(4), validTo: hours(6) }),
            // Another department's binding cannot change this answer: it does not count.
            liaison({ departmentId: B, validTo: hours(1) }),
          ],
        }),
      );
      expect(decision).toMatchObject({
        allow: true,
        bindingId: '0190a1b2-0000-7000-8000-0000000000c1',
        validUntil: hours(4).toISOString(),
      });
    });

    it('denies after validTo and after the binding ended, and allows what held before it ended', () => {
      expect(decide(facts({ bindings: [liaison({ validTo: hours(-1) })] })).allow).toBe(false);
      const ended = liaison({ status: 'ended', endedAt: hours(-1) });
      expect(decide(facts({ bindings: [ended] })).allow).toBe(false);
      expect(decide(facts({ bindings: [ended], at: hours(-2) })).allow).toBe(true);
    });

    it('never allows a binding that ended before it started', () => {
      const neverStarted = liaison({ validFrom: hours(1), status: 'ended', endedAt: hours(-1) });
      expect(decide(facts({ bindings: [neverStarted], at: hours(2) })).allow).toBe(false);
    });
  });
});

describe('reach: where a subject may do an action (lists filtered by the caller)', () => {
  const reach = (overrides: Partial<DecisionFacts>) => {
    const { subject, bindings, action, at } = facts({ action: 'permissions.request.approve', ...overrides });
    return reachOf({ subject, bindings, action, at });
  };

  it("is a reviewer's own departments, in force now", () => {
    const bindings = [
      binding({ role: 'dept_reviewer', departmentId: B }),
      binding({ role: 'dept_reviewer', departmentId: A }),
      binding({ role: 'dept_reviewer', departmentId: 'c', validFrom: hours(1) }),
      binding({ role: 'dept_liaison', departmentId: 'd' }),
    ];
    expect(reach({ bindings })).toEqual({ schoolWide: false, departmentIds: [A, B].sort() });
  });

  it('is everywhere for a school-wide binding, and nowhere for a person no longer active', () => {
    const admin = [binding({ role: 'disclosure_admin' })];
    expect(reach({ bindings: admin })).toEqual({ schoolWide: true, departmentIds: [] });
    expect(reach({ bindings: admin, subject: { type: 'person', status: 'departed' } })).toEqual({
      schoolWide: false,
      departmentIds: [],
    });
  });
});
