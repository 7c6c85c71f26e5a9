import type { CaseRow } from '../cases/cases.repository';
import { DEFAULT_POLICIES } from '../sla/sla-policy';
import { figuresOf, groupRows, weightedScore } from './case-figures';

const beijing = (local: string) => new Date(`${local}+08:00`);

function row(overrides: Partial<CaseRow>): CaseRow {
  const receivedAt = overrides.receivedAt ?? beijing('2024-03-04T09:00:00');
  return {
    id: `c-${Math.random()}`,
    kind: 'complaint',
    source: 'campus_hotline',
    category: 'canteen',
    status: 'received',
    receivedAt,
    clockStartAt: receivedAt,
    cityDueAt: null,
    pauses: [],
    extendedWorkingDays: 0,
    slaPolicy: DEFAULT_POLICIES['complaint'],
    firstContactAt: null,
    repliedAt: null,
    decidedAt: null,
    concludedAt: null,
    callbackAt: null,
    satisfaction: null,
    resolution: null,
    leadDepartmentId: null,
    ...overrides,
  } as CaseRow;
}

// Received Mon 4 March 2024: first contact due by the end of Tue 5 March, the reply by Wed 13 March.
const asOf = beijing('2024-04-01T12:00:00');

describe('case metrics, each from case states and business times', () => {
  it('counts completion as closed among received', () => {
    const figures = figuresOf([row({ status: 'closed' }), row({ status: 'replied' }), row({})], asOf);
    expect(figures).toMatchObject({ received: 3, completed: 1, completionRate: 1 / 3 });
  });

  it('counts a response as on time when the first contact came by the response limit, among contacted or due', () => {
    const figures = figuresOf(
      [
        row({ firstContactAt: beijing('2024-03-05T23:00:00') }),
        row({ firstContactAt: beijing('2024-03-06T08:00:00') }),
        row({}),
        // Received today: not contacted, not due yet: not counted.
        row({ receivedAt: beijing('2024-04-01T10:00:00') }),
      ],
      asOf,
    );
    expect(figures).toMatchObject({ respondedInTime: 1, responseDue: 3, responseRate: 1 / 3 });
  });

  it('counts resolution and satisfaction among called-back cases, basically satisfied as satisfied', () => {
    const called = (satisfaction: string, resolution: string) =>
      row({ status: 'closed', callbackAt: beijing('2024-03-10T10:00:00'), satisfaction, resolution });
    const figures = figuresOf(
      [
        called('satisfied', 'solved'),
        called('basically_satisfied', 'partly_solved'),
        called('unsatisfied', 'unsolved'),
        row({}),
      ],
      asOf,
    );
    expect(figures).toMatchObject({
      calledBack: 3,
      solved: 1,
      resolutionRate: 1 / 3,
      satisfied: 2,
      satisfactionRate: 2 / 3,
    });
  });

  it('counts on time among replied or past due; a clock waiting for the requester is neither', () => {
    const figures = figuresOf(
      [
        row({ status: 'replied', repliedAt: beijing('2024-03-13T20:00:00') }),
        row({ status: 'replied', repliedAt: beijing('2024-03-14T08:00:00') }),
        row({ status: 'in_progress' }),
        row({
          kind: 'application',
          status: 'awaiting_correction',
          slaPolicy: DEFAULT_POLICIES['application'],
        }),
      ],
      asOf,
    );
    expect(figures).toMatchObject({ repliedOnTime: 1, replyDue: 3, onTimeRate: 1 / 3 });
  });

  it('has no rate where nothing is counted, and no score without all three rates', () => {
    expect(figuresOf([], asOf)).toMatchObject({ received: 0, completionRate: null, satisfactionRate: null });
    const weights = { response: 0.3, resolution: 0.3, satisfaction: 0.4 };
    expect(
      weightedScore({ responseRate: 1, resolutionRate: 0.5, satisfactionRate: 0.75 }, weights),
    ).toBeCloseTo(0.75);
    expect(
      weightedScore({ responseRate: 1, resolutionRate: null, satisfactionRate: 0.75 }, weights),
    ).toBeNull();
  });

  it('groups by month in Beijing time', () => {
    const groups = groupRows(
      [
        row({ receivedAt: new Date('2024-03-31T16:30:00Z') }),
        row({ receivedAt: new Date('2024-03-31T15:30:00Z') }),
      ],
      'month',
    );
    expect([...groups.keys()]).toEqual(['2024-03', '2024-04']);
  });
});
