import { CommonErrorReasons, DomainError } from '@gongkai/contracts';

/** How far into the future a given time may lie: the caller's clock may run a little ahead of ours. */
export const BUSINESS_TIME_SKEW_MS = 60_000;

export interface BusinessTimeOptions {
  /** The request field the time came from, named in the error (`occurredAt` unless said otherwise). */
  field?: string;
}

/**
 * Business time (DESIGN.md): when something happened, for what is recorded after the fact. It
 * may lie anywhere in the past; absent, it is `now`. It may not lie in the future beyond
 * BUSINESS_TIME_SKEW_MS: what has not happened yet cannot be recorded as having happened. A
 * refusal is VALIDATION_FAILED with one field error at `body.<field>`, so nothing changes and the
 * caller knows which field to fix.
 */
export function businessTimeOf(
  occurredAt: string | undefined,
  now: Date,
  options: BusinessTimeOptions = {},
): Date {
  if (occurredAt === undefined) return now;
  const field = options.field ?? 'occurredAt';
  const time = new Date(occurredAt);
  if (Number.isNaN(time.getTime())) {
    throw invalidBusinessTime(
      field,
      `${field} ${JSON.stringify(occurredAt)} is not a time; give an ISO 8601 timestamp with its offset (e.g. 2024-09-20T10:00:00+08:00), or leave it out for now`,
    );
  }
  if (time.getTime() > now.getTime() + BUSINESS_TIME_SKEW_MS) {
    throw invalidBusinessTime(
      field,
      `${field} ${occurredAt} lies in the future; give the time it actually happened, or leave it out for now`,
    );
  }
  return time;
}

function invalidBusinessTime(field: string, message: string): DomainError {
  return DomainError.because(CommonErrorReasons.OCCURRED_AT_IN_FUTURE, message, [
    { code: 'custom', path: ['body', field], message },
  ]);
}
