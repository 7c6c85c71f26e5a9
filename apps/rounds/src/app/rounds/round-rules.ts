import { addWorkingDays, type CalendarDate } from '@gongkai/calendar';
import {
  DomainError,
  RoundsErrorReasons,
  type DeadlineRule,
  type RoundScope,
  type RoundSummary,
  type TaskStatus,
} from '@gongkai/contracts';

/**
 * The deadline of a round: the date given, or N Chinese working days after the notice date (the
 * notice day itself not counted; holidays skipped, 调休 weekend days counted). Never before the
 * notice.
 */
export function deadlineOf(noticeDate: CalendarDate, rule: DeadlineRule): CalendarDate {
  const deadline = 'date' in rule ? rule.date : addWorkingDays(noticeDate, rule.workingDaysAfterNotice);
  if (deadline < noticeDate) {
    const message = `The deadline ${deadline} lies before the notice date ${noticeDate}; give a later deadline`;
    throw DomainError.because(RoundsErrorReasons.DEADLINE_BEFORE_NOTICE, message, [
      { code: 'custom', path: ['body', 'deadline', 'date'], message },
    ]);
  }
  return deadline;
}

/** What opening a round needs to know of a catalogue item. */
export interface ScopeCandidate {
  id: string;
  categoryCode: string | null;
  status: string | null;
  leadDepartmentId: string | null;
}

export interface ScopeSelection<T extends ScopeCandidate> {
  /** Active items with a responsible department, in the scope. */
  selected: T[];
  /** Item ids the scope names that are unknown, retired or without a responsible department. */
  unusable: string[];
}

/** The items a scope covers: `{}` every active item, some categories, or the items named. */
export function selectInScope<T extends ScopeCandidate>(
  items: readonly T[],
  scope: RoundScope,
): ScopeSelection<T> {
  const usable = (item: T) => item.status === 'active' && item.leadDepartmentId !== null;
  if ('itemIds' in scope) {
    const byId = new Map(items.map((item) => [item.id, item]));
    const selected: T[] = [];
    const unusable: string[] = [];
    for (const id of new Set(scope.itemIds)) {
      const item = byId.get(id);
      if (item && usable(item)) selected.push(item);
      else unusable.push(id);
    }
    return { selected, unusable };
  }
  if ('categoryCodes' in scope) {
    const codes = new Set(scope.categoryCodes);
    return {
      selected: items.filter((item) => usable(item) && codes.has(item.categoryCode ?? '')),
      unusable: [],
    };
  }
  return { selected: items.filter(usable), unusable: [] };
}

/** What the summary counts of one task. */
export interface SummaryTask {
  status: TaskStatus;
  noChange: boolean | null;
  returnCount: number;
  overdue: boolean;
  lateSubmission: boolean;
}

/**
 * A round's counts (RoundSummarySchema). Approved tasks count as done: the catalogue publishes
 * each exactly once, so approved → published changes none of these numbers. On time means the
 * submission the office approved was made by the deadline.
 */
export function summarise(tasks: readonly SummaryTask[]): RoundSummary {
  const done = tasks.filter((task) => task.status === 'approved' || task.status === 'published');
  const publishedOnTime = done.filter((task) => !task.lateSubmission).length;
  return {
    inScope: tasks.length,
    updated: done.filter((task) => task.noChange === false).length,
    unchanged: done.filter((task) => task.noChange === true).length,
    returnedAtLeastOnce: tasks.filter((task) => task.returnCount > 0).length,
    overdue: tasks.filter((task) => task.overdue).length,
    publishedOnTime,
    onTimeRate: tasks.length === 0 ? null : Math.round((publishedOnTime / tasks.length) * 10_000) / 10_000,
    unfinished: tasks.length - done.length,
  };
}
