import { DomainError } from '@gongkai/contracts';
import { deadlineOf, selectInScope, summarise, type SummaryTask } from './round-rules';

describe('a round’s deadline in Chinese working days', () => {
  it('counts N working days after the notice across 国庆 2024 and its make-up working days', () => {
    // Notice Friday 27 September 2024. Working days after it: Sun 29 Sep (调休), Mon 30 Sep, then
    // the holiday 1–7 October, then Tue 8, Wed 9, Thu 10, Fri 11, Sat 12 October (调休).
    expect(deadlineOf('2024-09-27', { workingDaysAfterNotice: 1 })).toBe('2024-09-29');
    expect(deadlineOf('2024-09-27', { workingDaysAfterNotice: 3 })).toBe('2024-10-08');
    expect(deadlineOf('2024-09-27', { workingDaysAfterNotice: 7 })).toBe('2024-10-12');
    // Plain Monday–Friday counting would give 8 October for 7 working days.
    expect(deadlineOf('2024-09-27', { workingDaysAfterNotice: 8 })).toBe('2024-10-14');
  });

  it('counts across 端午 2024 (10 June off) for a June notice', () => {
    // Notice Monday 3 June 2024; 10 days: 4–7 June (4), 11–14 June (4), 17–18 June (2).
    expect(deadlineOf('2024-06-03', { workingDaysAfterNotice: 10 })).toBe('2024-06-18');
  });

  it('takes a date as given, and refuses one before the notice with the field to fix', () => {
    expect(deadlineOf('2024-06-03', { date: '2024-06-28' })).toBe('2024-06-28');
    expect(deadlineOf('2024-06-03', { date: '2024-06-03' })).toBe('2024-06-03');
    let error: unknown;
    try {
      deadlineOf('2024-06-03', { date: '2024-05-31' });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(DomainError);
    expect(error).toMatchObject({
      code: 'VALIDATION_FAILED',
      reason: 'DEADLINE_BEFORE_NOTICE',
      details: [expect.objectContaining({ path: ['body', 'deadline', 'date'] })],
    });
  });
});

describe('a round’s scope', () => {
  const items = [
    { id: 'a', categoryCode: '01', status: 'active', leadDepartmentId: 'd1' },
    { id: 'b', categoryCode: '02', status: 'active', leadDepartmentId: 'd2' },
    { id: 'c', categoryCode: '02', status: 'retired', leadDepartmentId: 'd2' },
    { id: 'd', categoryCode: '03', status: 'active', leadDepartmentId: null },
  ];

  it('takes every active item with a responsible department for {}', () => {
    expect(selectInScope(items, {}).selected.map((item) => item.id)).toEqual(['a', 'b']);
  });

  it('takes the active items of the categories named', () => {
    expect(selectInScope(items, { categoryCodes: ['02', '03'] }).selected.map((item) => item.id)).toEqual([
      'b',
    ]);
  });

  it('takes the items named, and names those it cannot take', () => {
    expect(selectInScope(items, { itemIds: ['b', 'c', 'd', 'x', 'b'] })).toEqual({
      selected: [items[1]],
      unusable: ['c', 'd', 'x'],
    });
  });
});

describe('a round’s summary', () => {
  const task = (overrides: Partial<SummaryTask>): SummaryTask => ({
    status: 'pending',
    noChange: null,
    returnCount: 0,
    overdue: false,
    lateSubmission: false,
    ...overrides,
  });

  it('counts updated, unchanged, returned, overdue and on time exactly, approved counting as done', () => {
    const summary = summarise([
      task({ status: 'published', noChange: false }),
      task({ status: 'published', noChange: false, returnCount: 2 }),
      task({ status: 'approved', noChange: false, lateSubmission: true, overdue: true }),
      task({ status: 'published', noChange: true }),
      task({ status: 'pending', overdue: true, returnCount: 1 }),
      task({ status: 'submitted', noChange: false }),
      task({ status: 'reviewed', noChange: true, lateSubmission: true, overdue: true }),
    ]);
    expect(summary).toEqual({
      inScope: 7,
      updated: 3,
      unchanged: 1,
      returnedAtLeastOnce: 2,
      overdue: 3,
      publishedOnTime: 3,
      onTimeRate: 0.4286,
      unfinished: 3,
    });
  });

  it('gives no on-time rate for an empty round', () => {
    expect(summarise([])).toMatchObject({ inScope: 0, onTimeRate: null, unfinished: 0 });
  });

  it('reaches exactly 1 when every task was approved on time', () => {
    const tasks = Array.from({ length: 45 }, (_, index) =>
      task({ status: 'published', noChange: index % 9 === 0 }),
    );
    expect(summarise(tasks)).toMatchObject({ inScope: 45, updated: 40, unchanged: 5, onTimeRate: 1 });
  });
});
