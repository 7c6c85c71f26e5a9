import { shanghaiDateOf, type CalendarDate } from '@gongkai/calendar';
import { CatalogueErrors } from './catalogue.errors';

/** `date` columns come back as UTC midnight; this is their calendar date. */
export function toCalendarDate(value: Date): CalendarDate {
  return value.toISOString().slice(0, 10);
}

/** A calendar date as a value for a `date` column. */
export function fromCalendarDate(date: CalendarDate): Date {
  return new Date(`${date}T00:00:00.000Z`);
}

export function todayInShanghai(now = new Date()): CalendarDate {
  return shanghaiDateOf(now);
}

export function iso(value: Date): string;
export function iso(value: Date | null): string | null;
export function iso(value: Date | null): string | null {
  return value ? value.toISOString() : null;
}

/** Business time entered after the fact may lie in the past, never in the future (a minute of clock skew allowed). */
export function businessTime(value: string | undefined, field: string, now = new Date()): Date {
  if (value === undefined) return now;
  const at = new Date(value);
  if (at.getTime() > now.getTime() + 60_000) {
    throw CatalogueErrors.invalidField(
      [field],
      `${field} lies in the future; give the time it actually happened`,
    );
  }
  return at;
}
