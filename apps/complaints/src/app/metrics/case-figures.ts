import { shanghaiDateOf } from '@gongkai/calendar';
import type { CaseFigures, MetricsGrouping } from '@gongkai/contracts';
import type { CaseRow } from '../cases/cases.repository';
import { clockOf, stoppedAtOf } from '../sla/case-clock';

const rate = (numerator: number, denominator: number) => (denominator === 0 ? null : numerator / denominator);

/**
 * The figures of a set of cases (those received in the period), judged at `asOf`. Every count is
 * read from the cases' states and business times (README, "Metrics"):
 * - received: cases received in the period; completed: those closed;
 * - response: contacted by the response limit, among those contacted or whose limit has passed;
 * - resolution / satisfaction: solved, and satisfied or basically satisfied, among those called back
 *   (the latest callback: a reopened case counts again only when called back again);
 * - on time: replied (decided, concluded) by the due time, among those replied or past due
 *   (a paused clock or one waiting for the requester is neither).
 */
export function figuresOf(rows: readonly CaseRow[], asOf: Date): CaseFigures {
  let completed = 0;
  let respondedInTime = 0;
  let responseDue = 0;
  let calledBack = 0;
  let solved = 0;
  let satisfied = 0;
  let repliedOnTime = 0;
  let replyDue = 0;
  for (const row of rows) {
    const clock = clockOf(row, asOf);
    if (row.status === 'closed') completed += 1;
    if (clock.responseDueAt && (row.firstContactAt || clock.responseDueAt < asOf)) {
      responseDue += 1;
      if (row.firstContactAt && row.firstContactAt <= clock.responseDueAt) respondedInTime += 1;
    }
    if (row.callbackAt) {
      calledBack += 1;
      if (row.resolution === 'solved') solved += 1;
      if (row.satisfaction === 'satisfied' || row.satisfaction === 'basically_satisfied') satisfied += 1;
    }
    const stopped = stoppedAtOf(row);
    if (stopped || clock.overdue) {
      replyDue += 1;
      if (stopped && clock.onTime) repliedOnTime += 1;
    }
  }
  return {
    received: rows.length,
    completed,
    completionRate: rate(completed, rows.length),
    respondedInTime,
    responseDue,
    responseRate: rate(respondedInTime, responseDue),
    calledBack,
    solved,
    resolutionRate: rate(solved, calledBack),
    satisfied,
    satisfactionRate: rate(satisfied, calledBack),
    repliedOnTime,
    replyDue,
    onTimeRate: rate(repliedOnTime, replyDue),
  };
}

export function groupKeyOf(row: CaseRow, grouping: MetricsGrouping): string | null {
  switch (grouping) {
    case 'source':
      return row.source;
    case 'department':
      return row.leadDepartmentId;
    case 'category':
      return row.category;
    case 'month':
      return shanghaiDateOf(row.receivedAt).slice(0, 7);
  }
}

export function groupRows(
  rows: readonly CaseRow[],
  grouping: MetricsGrouping,
): Map<string | null, CaseRow[]> {
  const groups = new Map<string | null, CaseRow[]>();
  for (const row of rows) {
    const key = groupKeyOf(row, grouping);
    groups.set(key, [...(groups.get(key) ?? []), row]);
  }
  return new Map([...groups.entries()].sort(([a], [b]) => String(a).localeCompare(String(b))));
}

/** weights · rates, or null when a rate is missing (nothing called back or due). */
export function weightedScore(
  rates: { responseRate: number | null; resolutionRate: number | null; satisfactionRate: number | null },
  weights: { response: number; resolution: number; satisfaction: number },
): number | null {
  if (rates.responseRate === null || rates.resolutionRate === null || rates.satisfactionRate === null)
    return null;
  return (
    weights.response * rates.responseRate +
    weights.resolution * rates.resolutionRate +
    weights.satisfaction * rates.satisfactionRate
  );
}
