import { DomainError, ErrorCode, type EndedBindingRef, type Person, type Role } from '@gongkai/contracts';
import { requireStatus, rolesToRequestAgain } from './identity-change-rules';

const PERSON: Person = {
  id: '0190a1b2-0000-7000-8000-0000000000f1',
  staffNo: 'S1',
  name: 'Person 1',
  departmentId: '0190a1b2-0000-7000-8000-00000000000a',
  identityType: 'staff',
  status: 'on_leave',
  post: null,
  createdAt: '2024-01-01T00:00:00.000Z',
  updatedAt: '2024-01-01T00:00:00.000Z',
};
const ended = (role: Role, n: number): EndedBindingRef => ({
  bindingId: `0190a1b2-0000-7000-8000-0000000000b${n}`,
  subjectType: 'person',
  subjectId: PERSON.id,
  role,
  departmentId: PERSON.departmentId,
});

describe('identity change rules', () => {
  it('lets a change through when the person is in an allowed status', () => {
    expect(() => requireStatus(PERSON, ['active', 'on_leave'], 'transfer')).not.toThrow();
  });

  it('says which statuses the change needs and which the person has', () => {
    let thrown: unknown;
    try {
      requireStatus(PERSON, ['active'], 'leave');
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(DomainError);
    expect(thrown).toMatchObject({
      code: ErrorCode.PRECONDITION_FAILED,
      message: 'A leave needs a person who is active; this person is on_leave',
      details: { personId: PERSON.id, status: 'on_leave', allowed: ['active'] },
    });
  });

  it('asks again, once each, for the department-scoped roles that ended with a transfer', () => {
    const roles = rolesToRequestAgain([
      ended('dept_liaison', 1),
      ended('dept_reviewer', 2),
      ended('dept_liaison', 3),
      ended('disclosure_admin', 4),
    ]);
    expect(roles).toEqual(['dept_liaison', 'dept_reviewer']);
  });
});
