import { addCalendarDays, endOfShanghaiDay, startOfShanghaiDay, type CalendarDate } from '@gongkai/calendar';

/** An inclusive range of Asia/Shanghai dates as instants: from 00:00 of `from` to 24:00 of `to`. */
export interface Period {
  from: CalendarDate;
  to: CalendarDate;
  start: Date;
  end: Date;
}

export function periodOf(from: CalendarDate, to: CalendarDate): Period {
  return { from, to, start: startOfShanghaiDay(from), end: endOfShanghaiDay(to) };
}

/** The period of the same number of days just before this one. */
export function previousPeriod(period: Period): Period {
  const days = Math.round((period.end.getTime() + 1 - period.start.getTime()) / 86_400_000);
  return periodOf(addCalendarDays(period.from, -days), addCalendarDays(period.from, -1));
}
