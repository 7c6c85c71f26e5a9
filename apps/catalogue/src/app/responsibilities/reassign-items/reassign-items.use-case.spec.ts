import { reassignedRevision, type Reassignment } from './reassign-items.use-case';

const ARTS = 'arts';
const SCIENCE = 'science';
const MERGED = 'humanities-and-science';
const LIBRARY = 'library';

const merge: Reassignment = {
  fromDepartmentIds: [ARTS, SCIENCE],
  toDepartmentId: MERGED,
  reason: '文理学院合并',
  effectiveDate: '2025-03-01',
  reorganisationRef: 'reorganisation:r1',
  onLaterRevision: 'refuse',
};

describe('reassignedRevision', () => {
  it('puts the successor in the lead when a merged department led', () => {
    expect(
      reassignedRevision(
        { leadDepartmentId: ARTS, coDepartmentIds: [LIBRARY], effectiveDate: '2024-09-01' },
        merge,
      ),
    ).toEqual({
      leadDepartmentId: MERGED,
      coDepartmentIds: [LIBRARY],
      reason: '文理学院合并',
      effectiveDate: '2025-03-01',
      trigger: 'reorganisation',
      reorganisationRef: 'reorganisation:r1',
    });
  });

  it('names the successor once among the co-operating departments when two merged ones co-operated', () => {
    const revision = reassignedRevision(
      { leadDepartmentId: LIBRARY, coDepartmentIds: [ARTS, SCIENCE], effectiveDate: '2024-09-01' },
      merge,
    );
    expect(revision).toMatchObject({ leadDepartmentId: LIBRARY, coDepartmentIds: [MERGED] });
  });

  it('drops the successor from the co-operating departments when it also leads', () => {
    const revision = reassignedRevision(
      { leadDepartmentId: ARTS, coDepartmentIds: [SCIENCE, LIBRARY], effectiveDate: '2024-09-01' },
      merge,
    );
    expect(revision).toMatchObject({ leadDepartmentId: MERGED, coDepartmentIds: [LIBRARY] });
  });

  it('keeps the reassignment date for a request, even before the latest revision (appending refuses it)', () => {
    const revision = reassignedRevision(
      { leadDepartmentId: ARTS, coDepartmentIds: [], effectiveDate: '2025-06-01' },
      merge,
    );
    expect(revision.effectiveDate).toBe('2025-03-01');
  });

  it('moves an event to the latest revision date when that is later (an event cannot be refused)', () => {
    const clamped = { ...merge, onLaterRevision: 'clamp' as const };
    expect(
      reassignedRevision(
        { leadDepartmentId: ARTS, coDepartmentIds: [], effectiveDate: '2025-06-01' },
        clamped,
      ).effectiveDate,
    ).toBe('2025-06-01');
    expect(
      reassignedRevision(
        { leadDepartmentId: ARTS, coDepartmentIds: [], effectiveDate: '2024-06-01' },
        clamped,
      ).effectiveDate,
    ).toBe('2025-03-01');
  });
});
