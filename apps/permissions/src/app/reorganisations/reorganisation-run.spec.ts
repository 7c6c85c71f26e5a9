import { DomainError, ErrorCode, type Department } from '@gongkai/contracts';
import { beijingToday, startOfBeijingDay } from './effective-date';
import { ReorganisationRun } from './reorganisation-run';

const department = (id: string, code: string): Department => ({
  id,
  code,
  name: `Department ${code}`,
  type: 'office',
  parentId: null,
  status: 'active',
  successorId: null,
  dissolvedAt: null,
  createdAt: '2024-01-01T00:00:00.000Z',
  updatedAt: '2024-01-01T00:00:00.000Z',
});
const A = department('0190a1b2-0000-7000-8000-00000000000a', 'A');
const B = department('0190a1b2-0000-7000-8000-00000000000b', 'B');

describe('reorganisation effective dates', () => {
  it('takes the calendar date in Beijing, which is a day ahead of UTC from 16:00 UTC', () => {
    expect(beijingToday(new Date('2024-06-01T15:59:59Z'))).toBe('2024-06-01');
    expect(beijingToday(new Date('2024-06-01T16:00:00Z'))).toBe('2024-06-02');
  });

  it('begins an effective date at midnight in Beijing', () => {
    expect(startOfBeijingDay('2024-06-02').toISOString()).toBe('2024-06-01T16:00:00.000Z');
  });
});

describe('a reorganisation run', () => {
  const now = new Date('2024-06-01T16:30:00Z'); // 2024-06-02 00:30 in Beijing

  it('starts on today in Beijing or earlier, effective from that day’s Beijing midnight', () => {
    const today = ReorganisationRun.start(now, 'merge', { effectiveDate: '2024-06-02', reason: 'Merger' });
    expect(today.effectiveFrom.toISOString()).toBe('2024-06-01T16:00:00.000Z');
    expect(today.revision()).toEqual({ effectiveFrom: today.effectiveFrom, reorganisationId: today.id });
    const earlier = ReorganisationRun.start(now, 'rename', {
      effectiveDate: '2024-03-01',
      reason: 'New name',
    });
    expect(earlier.effectiveFrom.toISOString()).toBe('2024-02-29T16:00:00.000Z');
  });

  it('refuses an effective date that lies in the future in Beijing', () => {
    let thrown: unknown;
    try {
      ReorganisationRun.start(now, 'split', { effectiveDate: '2024-06-03', reason: 'Too early' });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(DomainError);
    expect((thrown as DomainError).code).toBe(ErrorCode.VALIDATION_FAILED);
    expect((thrown as DomainError).details).toEqual({ effectiveDate: '2024-06-03', today: '2024-06-02' });
  });

  it('lists each touched department once, in its latest state, in its details and event', () => {
    const run = ReorganisationRun.start(now, 'merge', { effectiveDate: '2024-06-01', reason: 'Merger' });
    run.touch(A);
    run.touch(B);
    run.touch({ ...A, status: 'dissolved', successorId: B.id });
    run.movedRequestIds.push('0190a1b2-0000-7000-8000-0000000000e1');
    expect(run.details()).toEqual({
      departments: [
        expect.objectContaining({ departmentId: A.id, status: 'dissolved', successorId: B.id }),
        expect.objectContaining({ departmentId: B.id, status: 'active' }),
      ],
      movedPeople: [],
      movedBindings: [],
      endedBindings: [],
      movedRequestIds: ['0190a1b2-0000-7000-8000-0000000000e1'],
      reparentedDepartmentIds: [],
    });
    expect(run.eventBase()).toEqual({
      reorganisationId: run.id,
      effectiveDate: '2024-06-01',
      reason: 'Merger',
      affectedDepartmentIds: [A.id, B.id],
      departments: run.details().departments,
      movedPeople: [],
      movedBindings: [],
      endedBindings: [],
    });
  });
});
