import { DomainError, ErrorCode, type Department, type NewDepartment, type Person } from '@gongkai/contracts';
import { describePeople } from '../describe-people';
import { checkEveryMemberAssigned, checkSplitPlan } from './split-plan';

const SOURCE: Department = {
  id: '0190a1b2-0000-7000-8000-00000000000a',
  code: 'LAW',
  name: 'Law School',
  type: 'college',
  parentId: null,
  status: 'active',
  successorId: null,
  dissolvedAt: null,
  createdAt: '2024-01-01T00:00:00.000Z',
  updatedAt: '2024-01-01T00:00:00.000Z',
};
const target = (code: string): NewDepartment => ({ code, name: `Department ${code}`, type: 'college' });
const person = (n: number): Person => ({
  id: `0190a1b2-0000-7000-8000-${n.toString().padStart(12, '0')}`,
  staffNo: `S${n}`,
  name: `Person ${n}`,
  departmentId: SOURCE.id,
  identityType: 'staff',
  status: 'active',
  post: null,
  createdAt: '2024-01-01T00:00:00.000Z',
  updatedAt: '2024-01-01T00:00:00.000Z',
});
const [ONE, TWO, THREE] = [person(1), person(2), person(3)] as [Person, Person, Person];

function errorOf(action: () => unknown): DomainError {
  try {
    action();
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('expected a DomainError, nothing was thrown');
}

describe('split plan', () => {
  const targets = [target('LAW-A'), target('LAW-B')];

  it('accepts distinct targets and one target per person', () => {
    const assignments = [
      { personId: ONE.id, targetIndex: 0 },
      { personId: TWO.id, targetIndex: 1 },
    ];
    expect(() => checkSplitPlan({ targets, assignments })).not.toThrow();
    expect(() => checkEveryMemberAssigned(SOURCE, [ONE, TWO], assignments)).not.toThrow();
  });

  it('refuses two targets with the same code', () => {
    const error = errorOf(() => checkSplitPlan({ targets: [target('X'), target('X')], assignments: [] }));
    expect(error.code).toBe(ErrorCode.VALIDATION_FAILED);
    expect(error.details).toEqual({ codes: ['X', 'X'] });
  });

  it('refuses an assignment to a target that does not exist', () => {
    const error = errorOf(() =>
      checkSplitPlan({ targets, assignments: [{ personId: ONE.id, targetIndex: 2 }] }),
    );
    expect(error.message).toBe('targetIndex 2 names no target; there are 2');
  });

  it('refuses a person assigned twice', () => {
    const error = errorOf(() =>
      checkSplitPlan({
        targets,
        assignments: [
          { personId: ONE.id, targetIndex: 0 },
          { personId: ONE.id, targetIndex: 1 },
        ],
      }),
    );
    expect(error.message).toBe('A person is assigned twice');
  });

  it('refuses people who do not belong to the department', () => {
    const error = errorOf(() =>
      checkEveryMemberAssigned(
        SOURCE,
        [ONE],
        [
          { personId: ONE.id, targetIndex: 0 },
          { personId: THREE.id, targetIndex: 1 },
        ],
      ),
    );
    expect(error.code).toBe(ErrorCode.VALIDATION_FAILED);
    expect(error.details).toEqual({ personIds: [THREE.id] });
  });

  it('names the members nobody assigned, as a precondition', () => {
    const error = errorOf(() =>
      checkEveryMemberAssigned(SOURCE, [ONE, TWO, THREE], [{ personId: TWO.id, targetIndex: 0 }]),
    );
    expect(error.code).toBe(ErrorCode.PRECONDITION_FAILED);
    expect(error.message).toBe(
      'Assign everyone in LAW to a target; still unassigned: Person 1 (S1), Person 3 (S3)',
    );
    expect(error.details).toEqual({ personIds: [ONE.id, THREE.id] });
  });
});

describe('describing people in a message', () => {
  it('names up to ten, then says how many more', () => {
    expect(describePeople([ONE, TWO])).toBe('Person 1 (S1), Person 2 (S2)');
    const twelve = Array.from({ length: 12 }, (_, index) => person(index + 1));
    expect(describePeople(twelve)).toBe(
      `${twelve
        .slice(0, 10)
        .map((each) => `${each.name} (${each.staffNo})`)
        .join(', ')} and 2 more`,
    );
  });
});
