import {
  addCalendarDays,
  addWorkingDays,
  endOfShanghaiDay,
  isWorkingDay,
  shanghaiDateOf,
  shanghaiDayAt,
  startOfShanghaiDay,
  workingDaysBetween,
  type CalendarDate,
} from '@gongkai/calendar';

/**
 * Working time on the Chinese calendar (libs/calendar: holidays and 调休 make-up days, Asia/Shanghai).
 * A limit in working days ends at the end (24:00 Beijing) of the n-th working day after the start
 * day; a limit in working hours counts only the hours of working days (the clock stands still over
 * weekends and holidays, and runs on a make-up Saturday).
 */
export type LimitUnit = 'working_days' | 'working_hours';
export interface Limit {
  unit: LimitUnit;
  amount: number;
}

const HOUR_MS = 60 * 60 * 1000;

/** The n-th working day before `date` (n = 0: the date itself). */
export function workingDaysBefore(date: CalendarDate, n: number): CalendarDate {
  let day = date;
  for (let counted = 0; counted < n; ) {
    day = addCalendarDays(day, -1);
    if (isWorkingDay(day)) counted += 1;
  }
  return day;
}

/** Adds working hours to an instant: only time on working days counts. */
export function addWorkingHours(start: Date, hours: number): Date {
  let cursor = start.getTime();
  let remaining = hours * HOUR_MS;
  while (remaining > 0) {
    const day = shanghaiDayAt(cursor);
    if (day.working) {
      const take = Math.min(remaining, day.end - cursor);
      cursor += take;
      remaining -= take;
    } else {
      cursor = day.end;
    }
  }
  return new Date(cursor);
}

/** Goes back working hours from an instant. */
export function subtractWorkingHours(end: Date, hours: number): Date {
  let cursor = end.getTime();
  let remaining = hours * HOUR_MS;
  while (remaining > 0) {
    const day = shanghaiDayAt(cursor - 1);
    if (day.working) {
      const take = Math.min(remaining, cursor - day.start);
      cursor -= take;
      remaining -= take;
    } else {
      cursor = day.start;
    }
  }
  return new Date(cursor);
}

/** Working hours between two instants (0 when `to` is not after `from`). */
export function workingHoursBetween(from: Date, to: Date): number {
  let cursor = from.getTime();
  let total = 0;
  while (cursor < to.getTime()) {
    const day = shanghaiDayAt(cursor);
    const dayEnd = Math.min(day.end, to.getTime());
    if (day.working) total += dayEnd - cursor;
    cursor = dayEnd;
  }
  return total / HOUR_MS;
}

/** When a limit that started at `start` runs out, with `extra` of its unit added (pauses, extensions). */
export function limitEnd(start: Date, limit: Limit, extra = 0): Date {
  if (limit.unit === 'working_hours') return addWorkingHours(start, limit.amount + extra);
  return endOfShanghaiDay(addWorkingDays(shanghaiDateOf(start), limit.amount + extra));
}

/** When the warning before `due` comes: `before` of the limit's unit ahead (working days: from that day's start). */
export function warningStart(due: Date, before: Limit): Date | null {
  if (before.amount <= 0) return null;
  if (before.unit === 'working_hours') return subtractWorkingHours(due, before.amount);
  return startOfShanghaiDay(workingDaysBefore(shanghaiDateOf(due), before.amount - 1));
}

/** How much of a limit's unit a pause took: working days after its start day up to its end day, or working hours. */
export function pauseLength(unit: LimitUnit, from: Date, to: Date): number {
  if (unit === 'working_hours') return workingHoursBetween(from, to);
  return Math.max(0, workingDaysBetween(shanghaiDateOf(from), shanghaiDateOf(to)));
}
