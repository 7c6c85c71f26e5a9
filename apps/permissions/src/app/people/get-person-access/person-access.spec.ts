import type { Person, RoleBinding } from '@gongkai/contracts';
import { heldUntil, personAccessAt } from './person-access';

const AT = new Date('2024-06-01T08:00:00Z');
const hours = (n: number) => new Date(AT.getTime() + n * 3_600_000).toISOString();
const DEPARTMENT = '0190a1b2-0000-7000-8000-00000000000a';
const PERSON: Person = {
  id: '0190a1b2-0000-7000-8000-0000000000f1',
  staffNo: 'S1',
  name: 'Person 1',
  departmentId: DEPARTMENT,
  identityType: 'staff',
  status: 'active',
  post: null,
  createdAt: '2024-01-01T00:00:00.000Z',
  updatedAt: '2024-01-01T00:00:00.000Z',
};

function binding(id: string, overrides: Partial<RoleBinding> = {}): RoleBinding {
  return {
    id: `0190a1b2-0000-7000-8000-0000000000${id}`,
    subjectType: 'person',
    subjectId: PERSON.id,
    role: 'dept_liaison',
    departmentId: DEPARTMENT,
    validFrom: hours(-24),
    validTo: null,
    status: 'active',
    endedAt: null,
    endReason: null,
    requestId: null,
    grantedBy: { kind: 'client', id: 'bootstrap-admin' },
    createdAt: hours(-24),
    ...overrides,
  };
}

describe('person access', () => {
  it('holds a binding that ended early only until it ended', () => {
    const endedEarly = binding('b1', { validTo: hours(10), status: 'ended', endedAt: hours(2) });
    expect(heldUntil(endedEarly).validTo).toBe(hours(2));
    const ranOut = binding('b2', { validTo: hours(2), status: 'ended', endedAt: hours(3) });
    expect(heldUntil(ranOut).validTo).toBe(hours(2));
  });

  it('lists what is in force at `at`, and what starts later, oldest first', () => {
    const later = binding('b3', { validFrom: hours(5) });
    const inForce = binding('b2', { validFrom: hours(-2) });
    const older = binding('b1', { role: 'dept_reviewer', validFrom: hours(-30) });
    const endedAfterAt = binding('b4', { validFrom: hours(-3), status: 'ended', endedAt: hours(1) });
    const access = personAccessAt(PERSON, [later, inForce, endedAfterAt, older], AT);
    expect(access).toMatchObject({
      personId: PERSON.id,
      status: 'active',
      departmentId: DEPARTMENT,
      at: AT.toISOString(),
      usable: true,
    });
    expect(access.permissions.map((permission) => permission.bindingId)).toEqual([
      older.id,
      endedAfterAt.id,
      inForce.id,
    ]);
    expect(access.permissions[1]?.validTo).toBe(hours(1));
    expect(access.upcoming.map((permission) => permission.bindingId)).toEqual([later.id]);
  });

  it('is not usable while the person is on leave, though the bindings stay', () => {
    const access = personAccessAt({ ...PERSON, status: 'on_leave' }, [binding('b1')], AT);
    expect(access.usable).toBe(false);
    expect(access.permissions).toHaveLength(1);
  });
});
