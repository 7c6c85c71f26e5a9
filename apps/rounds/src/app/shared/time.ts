import { shanghaiDateOf, type CalendarDate } from '@gongkai/calendar';
import { RoundsErrors } from './rounds.errors';

/** How far into the future a business time may lie (clocks of campus systems drift). */
export const BUSINESS_TIME_SKEW_MS = 60_000;

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

/**
 * Business time (DESIGN.md): when it happened, for what is entered after the fact. It may lie in
 * the past, never in the future (a minute of clock skew allowed); without one it is now.
 */
export function businessTime(value: string | undefined, now: Date, field = 'occurredAt'): Date {
  if (value === undefined) return now;
  const at = new Date(value);
  if (at.getTime() > now.getTime() + BUSINESS_TIME_SKEW_MS) {
    throw RoundsErrors.invalidField(
      [field],
      `${field} ${value} lies in the future; give the time it actually happened, or leave it out for now`,
    );
  }
  return at;
}
