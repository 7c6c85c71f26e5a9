import { endOfShanghaiDay, shanghaiDateOf, startOfShanghaiDay } from '@gongkai/calendar';
import type { Dashboard } from '@gongkai/contracts';
import { responseWasDue, type CaseAt } from '../annual/case-fold';
import { rate } from '../annual/figure-book';

export interface DashboardInputs {
  now: Date;
  /** The cases still open and those received since the start of last month, as they stand now. */
  cases: readonly CaseAt[];
  rounds: readonly { roundId: string; name: string; noticeDate: string; deadline: string; status: string }[];
  tasks: readonly {
    taskId: string;
    roundId: string;
    departmentId: string;
    status: string;
    deadline: string;
    overdue: boolean;
  }[];
  /** Department names by id, from permissions' events. */
  departmentNames: ReadonlyMap<string, string>;
}

const DAY_MS = 86_400_000;

function monthBounds(month: string): { start: Date; end: Date } {
  const [year = 0, monthNo = 1] = month.split('-').map(Number);
  const next = monthNo === 12 ? `${year + 1}-01` : `${year}-${String(monthNo + 1).padStart(2, '0')}`;
  const lastDay = shanghaiDateOf(new Date(startOfShanghaiDay(`${next}-01`).getTime() - 1));
  return { start: startOfShanghaiDay(`${month}-01`), end: endOfShanghaiDay(lastDay) };
}

/** The start (Beijing) of the month before the one `now` falls in: the oldest receipt the rates look at. */
export function startOfPreviousMonth(now: Date): Date {
  return monthBounds(previousMonth(shanghaiDateOf(now).slice(0, 7))).start;
}

function previousMonth(month: string): string {
  const [year = 0, monthNo = 1] = month.split('-').map(Number);
  return monthNo === 1 ? `${year - 1}-12` : `${year}-${String(monthNo - 1).padStart(2, '0')}`;
}

/** The complaints received in a month, judged now: the three rates of the annual report's rules. */
function ratesOf(cases: readonly CaseAt[], month: string, now: Date) {
  const { start, end } = monthBounds(month);
  const received = cases.filter(
    (state) => state.kind === 'complaint' && state.receivedAt >= start && state.receivedAt <= end,
  );
  const contacted = received.filter((state) => responseWasDue(state, now));
  const calledBack = received.filter((state) => state.callback !== null);
  return {
    month,
    received: received.length,
    responseRate: rate(received.filter((state) => state.contact?.onTime === true).length, contacted.length),
    resolutionRate: rate(
      calledBack.filter((state) => state.callback?.resolution === 'solved').length,
      calledBack.length,
    ),
    satisfactionRate: rate(
      calledBack.filter((state) => state.callback?.satisfaction !== 'unsatisfied').length,
      calledBack.length,
    ),
  };
}

/** By name in Chinese (pinyin) order; departments not heard of yet last, by id. */
function byDepartmentName(
  a: { departmentId: string; departmentName: string | null },
  b: { departmentId: string; departmentName: string | null },
): number {
  if (a.departmentName !== null && b.departmentName !== null)
    return a.departmentName.localeCompare(b.departmentName, 'zh-Hans-CN');
  if (a.departmentName !== b.departmentName) return a.departmentName === null ? 1 : -1;
  return a.departmentId.localeCompare(b.departmentId);
}

const ageBucket = (days: number) => (days <= 1 ? '0-1' : days <= 7 ? '2-7' : days <= 30 ? '8-30' : '31+');

/** The live dashboard from the projections, as of `now`. */
export function computeDashboard(inputs: DashboardInputs): Dashboard {
  const { now } = inputs;
  const cases = [...inputs.cases].sort((a, b) => a.trackingNo.localeCompare(b.trackingNo));
  const open = cases.filter((state) => state.status !== 'closed');
  const byKindAndStatus = new Map<string, number>();
  const byAge = new Map<string, number>([
    ['0-1', 0],
    ['2-7', 0],
    ['8-30', 0],
    ['31+', 0],
  ]);
  for (const state of open) {
    const key = `${state.kind}|${state.status}`;
    byKindAndStatus.set(key, (byKindAndStatus.get(key) ?? 0) + 1);
    const bucket = ageBucket(Math.floor((now.getTime() - state.receivedAt.getTime()) / DAY_MS));
    byAge.set(bucket, (byAge.get(bucket) ?? 0) + 1);
  }
  const current =
    [...inputs.rounds]
      .filter((round) => round.status === 'open')
      .sort((a, b) => b.noticeDate.localeCompare(a.noticeDate) || a.name.localeCompare(b.name))[0] ?? null;
  const today = shanghaiDateOf(now);
  const byDepartment = new Map<
    string,
    { tasks: number; published: number; pending: number; overdue: number }
  >();
  for (const task of inputs.tasks) {
    if (!current || task.roundId !== current.roundId) continue;
    const entry = byDepartment.get(task.departmentId) ?? { tasks: 0, published: 0, pending: 0, overdue: 0 };
    entry.tasks += 1;
    if (task.status === 'published') entry.published += 1;
    if (task.status === 'pending') entry.pending += 1;
    if (task.overdue && task.status !== 'published') entry.overdue += 1;
    byDepartment.set(task.departmentId, entry);
  }
  const thisMonth = today.slice(0, 7);
  return {
    asOf: now.toISOString(),
    openCases: {
      total: open.length,
      byKindAndStatus: [...byKindAndStatus.entries()]
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([key, count]) => {
          const [kind = '', status = ''] = key.split('|');
          return { kind, status, count };
        }),
      byAge: [...byAge.entries()].map(([days, count]) => ({ days: days as '0-1', count })),
    },
    overdue: {
      cases: open
        .filter((state) => state.overdue)
        .map((state) => ({
          caseId: state.caseId,
          trackingNo: state.trackingNo,
          kind: state.kind,
          receivedOn: shanghaiDateOf(state.receivedAt),
        })),
      tasks: inputs.tasks
        .filter((task) => task.status !== 'published' && (task.overdue || task.deadline < today))
        .sort((a, b) => a.deadline.localeCompare(b.deadline) || a.taskId.localeCompare(b.taskId))
        .map(({ taskId, roundId, departmentId, deadline, status }) => ({
          taskId,
          roundId,
          departmentId,
          departmentName: inputs.departmentNames.get(departmentId) ?? null,
          deadline,
          status,
        })),
    },
    currentRound: current
      ? {
          roundId: current.roundId,
          name: current.name,
          noticeDate: current.noticeDate,
          deadline: current.deadline,
          byDepartment: [...byDepartment.entries()]
            .map(([departmentId, entry]) => ({
              departmentId,
              departmentName: inputs.departmentNames.get(departmentId) ?? null,
              ...entry,
            }))
            .sort(byDepartmentName),
        }
      : null,
    rates: {
      thisMonth: ratesOf(cases, thisMonth, now),
      lastMonth: ratesOf(cases, previousMonth(thisMonth), now),
    },
  };
}
