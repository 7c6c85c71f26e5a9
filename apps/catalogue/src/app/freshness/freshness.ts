import {
  addWorkingDays,
  endOfShanghaiDay,
  shanghaiDateOf,
  startOfShanghaiDay,
  workingDaysBetween,
  type CalendarDate,
} from '@gongkai/calendar';
import type { Cycle, Freshness, ItemStatus } from '@gongkai/contracts';

export interface FreshnessInput {
  status: ItemStatus;
  cycle: Cycle;
  /** Working days to publish after the information is formed or changes. */
  timeLimitDays: number;
  /** When the item entered the catalogue: its information counts as formed then. */
  activeSince: Date;
  /** The current published version's publication time. */
  lastPublishedAt: Date | null;
  /** The latest "no change" confirmation from an update round. */
  lastConfirmedAt: Date | null;
  /** A change of the information not yet followed by a publication. */
  pendingChangeAt: Date | null;
}

/** End of the time limit: the `timeLimitDays`-th working day after the change, 23:59:59 Beijing time. */
export function dueAfterChange(changedAt: Date, timeLimitDays: number): Date {
  return endOfShanghaiDay(addWorkingDays(changedAt, timeLimitDays));
}

/**
 * When an item is next due and whether it is late, from its cycle and its last publication:
 * - a recorded change not yet published is due `timeLimitDays` working days after the change;
 * - `on_change` / `anytime` items never published are due that long after they entered the catalogue
 *   (the information exists from then); once published they are current until the next change;
 * - `annual_window` items are due by the end of the first window that starts after their last
 *   publication or confirmation (or, never refreshed, the first window ending after they entered).
 * The earliest of these applies. Retired items are never due.
 */
export function computeFreshness(input: FreshnessInput, now: Date): Freshness {
  const lastRefreshedAt = latest(input.lastPublishedAt, input.lastConfirmedAt);
  const candidates: { at: Date; reason: NonNullable<Freshness['dueReason']> }[] = [];
  if (input.status === 'active') {
    if (input.pendingChangeAt) {
      candidates.push({
        at: dueAfterChange(input.pendingChangeAt, input.timeLimitDays),
        reason: 'change_pending',
      });
    }
    if (input.cycle.kind === 'annual_window') {
      candidates.push({
        at: nextWindowEnd(input.cycle, lastRefreshedAt, input.activeSince),
        reason: 'window',
      });
    } else if (!lastRefreshedAt) {
      candidates.push({
        at: dueAfterChange(input.activeSince, input.timeLimitDays),
        reason: 'never_published',
      });
    }
  }
  const due = candidates.sort((a, b) => a.at.getTime() - b.at.getTime())[0] ?? null;
  return {
    lastPublishedAt: input.lastPublishedAt?.toISOString() ?? null,
    lastConfirmedAt: input.lastConfirmedAt?.toISOString() ?? null,
    pendingChangeAt: input.pendingChangeAt?.toISOString() ?? null,
    nextDueAt: due?.at.toISOString() ?? null,
    dueReason: due?.reason ?? null,
    overdue: due !== null && due.at.getTime() < now.getTime(),
  };
}

/** Working days from the due date to `now` (0 when not yet due). */
export function workingDaysOverdue(nextDueAt: Date, now: Date): number {
  return Math.max(0, workingDaysBetween(nextDueAt, now));
}

type WindowCycle = Extract<Cycle, { kind: 'annual_window' }>;

interface WindowOccurrence {
  start: CalendarDate;
  end: CalendarDate;
}

/** The window that opens in `year` (it may close the next year, e.g. December–January). */
export function windowOccurrence(cycle: WindowCycle, year: number): WindowOccurrence {
  const endYear = cycle.endMonth >= cycle.startMonth ? year : year + 1;
  return { start: `${year}-${pad(cycle.startMonth)}-01`, end: lastDayOfMonth(endYear, cycle.endMonth) };
}

function nextWindowEnd(cycle: WindowCycle, lastRefreshedAt: Date | null, activeSince: Date): Date {
  const reference = shanghaiDateOf(lastRefreshedAt ?? activeSince);
  const firstYear = Number(reference.slice(0, 4)) - 1;
  for (let year = firstYear; year <= firstYear + 3; year += 1) {
    const window = windowOccurrence(cycle, year);
    // Refreshed: the window it fell in (or an earlier one) is done, the next one to open is due.
    // Never refreshed: the first window still open when the item entered the catalogue is due.
    const due = lastRefreshedAt ? window.start > reference : window.end >= reference;
    if (due) return endOfShanghaiDay(window.end);
  }
  throw new Error('unreachable: a window opens every year');
}

/** Whether `at` falls inside one of the item's windows (for reporting, and for tests). */
export function isInWindow(cycle: WindowCycle, at: Date): boolean {
  const date = shanghaiDateOf(at);
  const year = Number(date.slice(0, 4));
  return [year - 1, year].some((opening) => {
    const window = windowOccurrence(cycle, opening);
    return startOfShanghaiDay(window.start) <= at && date <= window.end;
  });
}

function latest(a: Date | null, b: Date | null): Date | null {
  if (!a) return b;
  if (!b) return a;
  return a > b ? a : b;
}

function pad(value: number): string {
  return String(value).padStart(2, '0');
}

function lastDayOfMonth(year: number, month: number): CalendarDate {
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${year}-${pad(month)}-${pad(last)}`;
}
