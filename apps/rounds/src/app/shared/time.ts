import { shanghaiDateOf, type CalendarDate } from '@gongkai/calendar';

/** `date` columns come back as UTC midnight; this is their calendar date. */
export function toCalendarDate(value: Date): CalendarDate {
  return value.toISOString().slice(0, 10);
}

/** A calendar date as a value for a `date` column. */
export function fromCalendarDate(date: CalendarDate): Date {
  return new Date(`${date}T00:00:00.000Z`);
}

export function todayInShanghai(now: Date): CalendarDate {
  return shanghaiDateOf(now);
}

export function iso(value: Date): string;
export function iso(value: Date | null): string | null;
export function iso(value: Date | null): string | null {
  return value ? value.toISOString() : null;
}
