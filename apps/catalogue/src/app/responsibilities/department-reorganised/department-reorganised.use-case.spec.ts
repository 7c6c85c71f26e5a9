import { reassignmentFor } from './department-reorganised.use-case';

const REORGANISATION = '0190b3a4-7c1e-7c3a-8f00-0000000000f1';
const ARTS = '0190b3a4-7c1e-7c3a-8f00-0000000000a1';
const SCIENCE = '0190b3a4-7c1e-7c3a-8f00-0000000000a2';
const COLLEGE = '0190b3a4-7c1e-7c3a-8f00-0000000000a3';

const base = {
  reorganisationId: REORGANISATION,
  effectiveDate: '2025-03-01',
  reason: '机构改革',
  affectedDepartmentIds: [],
  departments: [],
  movedPeople: [],
  movedBindings: [],
  endedBindings: [],
};

describe('reassignmentFor a reorganisation', () => {
  it('replaces the merged sources by the target, on the effective date, clamped', () => {
    expect(
      reassignmentFor({
        kind: 'merged',
        event: { ...base, sourceIds: [ARTS, SCIENCE, COLLEGE], targetId: COLLEGE, targetCreated: false },
      }),
    ).toEqual({
      fromDepartmentIds: [ARTS, SCIENCE],
      toDepartmentId: COLLEGE,
      reason: '机构改革',
      effectiveDate: '2025-03-01',
      reorganisationRef: `reorganisation:${REORGANISATION}`,
      onLaterRevision: 'clamp',
    });
  });

  it('replaces a dissolved department by its successor', () => {
    expect(
      reassignmentFor({ kind: 'dissolved', event: { ...base, departmentId: ARTS, successorId: COLLEGE } }),
    ).toMatchObject({ fromDepartmentIds: [ARTS], toDepartmentId: COLLEGE, onLaterRevision: 'clamp' });
  });

  it('records a rename as a revision naming the same department, with both names in the reason', () => {
    expect(
      reassignmentFor({
        kind: 'renamed',
        event: { ...base, departmentId: ARTS, previousName: '文学院', name: '人文学院', reason: '更名' },
      }),
    ).toMatchObject({
      fromDepartmentIds: [ARTS],
      toDepartmentId: ARTS,
      reason: '文学院 更名为 人文学院：更名',
    });
  });

  it('guesses nothing for a split or a dissolution without a successor: the office revises by hand', () => {
    expect(
      reassignmentFor({ kind: 'split', event: { ...base, sourceId: COLLEGE, targetIds: [ARTS, SCIENCE] } }),
    ).toEqual({
      byHand: `Department ${COLLEGE} was split into ${ARTS}, ${SCIENCE}: revise its catalogue items by hand`,
    });
    expect(
      reassignmentFor({ kind: 'dissolved', event: { ...base, departmentId: ARTS, successorId: null } }),
    ).toEqual({
      byHand: `Department ${ARTS} was dissolved without a successor: revise its catalogue items by hand`,
    });
  });
});
