/** The body fields that carry business time (DESIGN.md: entered after the fact). */
export const BUSINESS_TIME_FIELDS = ['occurredAt', 'changedAt', 'informationChangedAt'] as const;

const SHANGHAI_OFFSET_MS = 8 * 3_600_000;
const DAY_MS = 86_400_000;

/** Midnight at the start of `now`'s day in Asia/Shanghai (UTC+8 all year, no summer time). */
export function startOfShanghaiDay(now: Date): Date {
  const local = now.getTime() + SHANGHAI_OFFSET_MS;
  return new Date(local - (((local % DAY_MS) + DAY_MS) % DAY_MS) - SHANGHAI_OFFSET_MS);
}

export interface BusinessTimes {
  /** The business-time fields given that lie before today (Asia/Shanghai): back-dating. */
  backdated: string[];
  /** `occurredAt` when given and not in the future: the command is decided as of then. */
  decideAt?: string;
}

/**
 * What a request body says about business time. Entering what happened earlier today is ordinary
 * work; a time on an earlier day back-dates the entry and needs the back-dating right. Unreadable
 * values are left to the route's validation (400).
 */
export function businessTimesOf(body: unknown, now: Date): BusinessTimes {
  if (body === null || typeof body !== 'object') return { backdated: [] };
  const fields = body as Record<string, unknown>;
  const today = startOfShanghaiDay(now).getTime();
  const backdated = BUSINESS_TIME_FIELDS.filter((field) => {
    const time = timeOf(fields[field]);
    return time !== null && time < today;
  });
  const occurredAt = fields['occurredAt'];
  const occurredTime = timeOf(occurredAt);
  return occurredTime !== null && occurredTime <= now.getTime() && typeof occurredAt === 'string'
    ? { backdated, decideAt: new Date(occurredTime).toISOString() }
    : { backdated };
}

function timeOf(value: unknown): number | null {
  if (typeof value !== 'string') return null;
  const time = Date.parse(value);
  return Number.isNaN(time) ? null : time;
}
