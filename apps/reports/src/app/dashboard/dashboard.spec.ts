import { foldCases, type CaseEvent } from '../annual/case-fold';
import { computeDashboard } from './dashboard';

const event = (
  caseId: string,
  aggregateVersion: number,
  type: string,
  occurredAt: string,
  status: string,
  details: Record<string, unknown> = {},
  receivedAt = occurredAt,
): CaseEvent => ({
  caseId,
  aggregateVersion,
  type,
  occurredAt: new Date(occurredAt),
  trackingNo: `TS-${caseId}`,
  kind: 'complaint',
  source: 'web',
  category: 'canteen',
  status,
  receivedAt: new Date(receivedAt),
  leadDepartmentId: null,
  requesterType: null,
  details,
});

describe('the dashboard', () => {
  const now = new Date('2024-06-20T04:00:00Z');
  const dashboard = computeDashboard({
    now,
    cases: foldCases(
      [
        event('a', 1, 'received', '2024-06-19T02:00:00Z', 'received'),
        event('b', 1, 'received', '2024-05-02T02:00:00Z', 'received'),
        event(
          'b',
          2,
          'overdue',
          '2024-05-06T02:00:00Z',
          'received',
          { clock: 'response' },
          '2024-05-02T02:00:00Z',
        ),
        event('c', 1, 'received', '2024-05-10T02:00:00Z', 'received'),
        event(
          'c',
          2,
          'contacted',
          '2024-05-10T03:00:00Z',
          'accepted',
          { onTime: true },
          '2024-05-10T02:00:00Z',
        ),
        event(
          'c',
          3,
          'callback-recorded',
          '2024-05-12T03:00:00Z',
          'replied',
          { satisfaction: 'satisfied', resolution: 'solved' },
          '2024-05-10T02:00:00Z',
        ),
        event('c', 4, 'closed', '2024-05-13T03:00:00Z', 'closed', {}, '2024-05-10T02:00:00Z'),
      ],
      now,
    ),
    rounds: [
      {
        roundId: 'r1',
        name: '2024年上半年',
        noticeDate: '2024-06-01',
        deadline: '2024-06-15',
        status: 'open',
      },
    ],
    tasks: [
      {
        taskId: 't1',
        roundId: 'r1',
        departmentId: 'd1',
        status: 'pending',
        deadline: '2024-06-15',
        overdue: true,
      },
      {
        taskId: 't2',
        roundId: 'r1',
        departmentId: 'd1',
        status: 'published',
        deadline: '2024-06-15',
        overdue: false,
      },
    ],
    departmentNames: new Map([['d1', '教务部']]),
  });

  it('counts open cases by state and age, and the overdue ones', () => {
    expect(dashboard.openCases).toEqual({
      total: 2,
      byKindAndStatus: [{ kind: 'complaint', status: 'received', count: 2 }],
      byAge: [
        { days: '0-1', count: 1 },
        { days: '2-7', count: 0 },
        { days: '8-30', count: 0 },
        { days: '31+', count: 1 },
      ],
    });
    expect(dashboard.overdue.cases.map((entry) => entry.trackingNo)).toEqual(['TS-b']);
    expect(dashboard.overdue.tasks.map((entry) => [entry.taskId, entry.departmentName])).toEqual([
      ['t1', '教务部'],
    ]);
  });

  it('shows the open round by department and the rates of this month against last', () => {
    expect(dashboard.currentRound?.byDepartment).toEqual([
      { departmentId: 'd1', departmentName: '教务部', tasks: 2, published: 1, pending: 1, overdue: 1 },
    ]);
    expect(dashboard.rates.thisMonth).toMatchObject({ month: '2024-06', received: 1, responseRate: null });
    expect(dashboard.rates.lastMonth).toEqual({
      month: '2024-05',
      received: 2,
      responseRate: 0.5,
      resolutionRate: 1,
      satisfactionRate: 1,
    });
  });
});
