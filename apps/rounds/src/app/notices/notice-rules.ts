import { subtractWorkingDays, type CalendarDate } from '@gongkai/calendar';

export type DueNotice =
  | { kind: 'reminder'; day: CalendarDate; workingDaysBefore: number }
  | { kind: 'overdue'; day: CalendarDate };

/**
 * What a task still waiting for its submission is due on `today` (Asia/Shanghai):
 * - after the deadline, the overdue escalation (its day is the deadline: once per task);
 * - on or after a reminder day (N working days before the deadline) and up to the deadline, the
 *   reminder of the smallest N whose day has come. Reminders missed while the service was down are
 *   not sent late when a later one is due: the holder gets the most pressing one.
 */
export function dueNotice(
  deadline: CalendarDate,
  reminderWorkingDaysBefore: readonly number[],
  today: CalendarDate,
): DueNotice | null {
  if (today > deadline) return { kind: 'overdue', day: deadline };
  const due = [...reminderWorkingDaysBefore]
    .sort((a, b) => a - b)
    .map((n) => ({ n, day: subtractWorkingDays(deadline, n) }))
    .find(({ day }) => day <= today);
  return due ? { kind: 'reminder', day: due.day, workingDaysBefore: due.n } : null;
}

/** The first day anything of a round can be due: its earliest reminder, or the day after the deadline. */
export function firstNoticeDay(
  deadline: CalendarDate,
  reminderWorkingDaysBefore: readonly number[],
): CalendarDate {
  const days = reminderWorkingDaysBefore.map((n) => subtractWorkingDays(deadline, n));
  return days.sort()[0] ?? deadline;
}
