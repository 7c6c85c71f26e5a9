/** Midnight in Beijing (UTC+8, no daylight saving) of a calendar date: when an effective date begins. */
export function startOfBeijingDay(date: string): Date {
  return new Date(`${date}T00:00:00+08:00`);
}

/** Today's calendar date in Beijing. */
export function beijingToday(now: Date): string {
  return new Date(now.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
}
