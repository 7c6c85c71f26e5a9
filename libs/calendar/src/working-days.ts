import holidayData from './cn-holidays.json';

/**
 * Chinese working days (工作日) on Asia/Shanghai calendar dates: Monday to Friday, minus the
 * statutory holidays (放假), plus the weekend days worked instead (调休上班), as the State
 * Council publishes them each year (data and source: cn-holidays.json).
 *
 * Years outside the data fall back to plain Monday–Friday: a deadline computed for such a year
 * ignores its holidays until that year's notice is added to cn-holidays.json, or loaded at boot
 * from a file (`mergeHolidayData`, read by services from HOLIDAYS_FILE: holiday-data.ts).
 *
 * Dates are `YYYY-MM-DD` strings. An instant (`Date`) is first turned into its Shanghai date;
 * China has kept UTC+8 all year since 1991, so that is a fixed offset, no tz database needed.
 */
export type CalendarDate = string;

const SHANGHAI_OFFSET_MS = 8 * 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;
const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

export interface YearData {
  notice: string;
  /** Inclusive `[from, to]` ranges. */
  holidays: CalendarDate[][];
  workdays: CalendarDate[];
}

const YEARS: Record<string, YearData> = { ...(holidayData as { years: Record<string, YearData> }).years };
const DAYS_OFF = new Set<CalendarDate>();
const ADJUSTED_WORKDAYS = new Set<CalendarDate>();
const KNOWN_YEARS: number[] = [];
// Whether a day (days since 1970-01-01) is a working day, as asked so far: deadlines walk day by day,
// and a list of 50 cases asked the same few hundred days again for every case (issue 13).
const WORKING_BY_DAY_NUMBER = new Map<number, boolean>();
const MAX_CACHED_DAYS = 100_000;

/** Rebuilds the day sets from YEARS (at load, and after data is merged in). */
function index(): void {
  DAYS_OFF.clear();
  ADJUSTED_WORKDAYS.clear();
  for (const year of Object.values(YEARS)) {
    for (const [from, to, ...rest] of year.holidays) {
      if (!from || !to || rest.length > 0) throw new Error(`holiday data: bad range in ${year.notice}`);
      for (let day = from; day <= to; day = nextDay(day)) DAYS_OFF.add(day);
    }
    for (const day of year.workdays) ADJUSTED_WORKDAYS.add(day);
  }
  KNOWN_YEARS.splice(0, KNOWN_YEARS.length, ...Object.keys(YEARS).map(Number).sort());
  WORKING_BY_DAY_NUMBER.clear();
}
index();

/** The years whose holidays are known; others count Monday–Friday only. */
export const HOLIDAY_DATA_YEARS: readonly number[] = KNOWN_YEARS;

export function hasHolidayData(year: number): boolean {
  return HOLIDAY_DATA_YEARS.includes(year);
}

/**
 * Adds years of holiday data, already validated (holiday-data.ts): a year given here replaces
 * the built-in year of the same number whole, as each year's State Council notice replaces the
 * last guess. Returns the years it set.
 */
export function mergeHolidayData(years: Readonly<Record<string, YearData>>): number[] {
  Object.assign(YEARS, years);
  index();
  return Object.keys(years).map(Number).sort();
}

/** The Asia/Shanghai calendar date of an instant, e.g. 2024-09-30T16:30Z → 2024-10-01. */
export function shanghaiDateOf(instant: Date): CalendarDate {
  return new Date(instant.getTime() + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10);
}

/** 00:00 Beijing time of a date, as an instant. */
export function startOfShanghaiDay(date: CalendarDate): Date {
  return new Date(toUtcMidnight(date) - SHANGHAI_OFFSET_MS);
}

/** The last millisecond of a date in Beijing time (23:59:59.999 +08:00), as an instant. */
export function endOfShanghaiDay(date: CalendarDate): Date {
  return new Date(toUtcMidnight(date) - SHANGHAI_OFFSET_MS + DAY_MS - 1);
}

export function isWorkingDay(day: CalendarDate | Date): boolean {
  return isWorkingDayNumber(dayNumberOf(toCalendarDate(day)));
}

function isWorkingDayNumber(dayNumber: number): boolean {
  let working = WORKING_BY_DAY_NUMBER.get(dayNumber);
  if (working === undefined) {
    const date = dateOfDayNumber(dayNumber);
    const weekday = new Date(dayNumber * DAY_MS).getUTCDay();
    working = ADJUSTED_WORKDAYS.has(date) || (!DAYS_OFF.has(date) && weekday !== 0 && weekday !== 6);
    if (WORKING_BY_DAY_NUMBER.size >= MAX_CACHED_DAYS) WORKING_BY_DAY_NUMBER.clear();
    WORKING_BY_DAY_NUMBER.set(dayNumber, working);
  }
  return working;
}

/** The Beijing day holding an instant: its bounds (ms since the epoch, end exclusive) and whether it is worked. */
export interface ShanghaiDay {
  start: number;
  end: number;
  working: boolean;
}

/** The Beijing day holding `instantMs`: for clocks that walk working hours day by day without building dates. */
export function shanghaiDayAt(instantMs: number): ShanghaiDay {
  const dayNumber = Math.floor((instantMs + SHANGHAI_OFFSET_MS) / DAY_MS);
  const start = dayNumber * DAY_MS - SHANGHAI_OFFSET_MS;
  return { start, end: start + DAY_MS, working: isWorkingDayNumber(dayNumber) };
}

/**
 * The `n`-th working day after `start` (start itself not counted, as a time limit of
 * "20 working days from the day the information changed" counts from the next day).
 * `n = 0` gives `start`'s own date.
 */
export function addWorkingDays(start: CalendarDate | Date, n: number): CalendarDate {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`addWorkingDays needs n >= 0, got ${n}`);
  let day = dayNumberOf(toCalendarDate(start));
  for (let counted = 0; counted < n; ) {
    day += 1;
    if (isWorkingDayNumber(day)) counted += 1;
  }
  return dateOfDayNumber(day);
}

/**
 * The working day `n` working days before `end` (so that `workingDaysBetween(result, end) === n`
 * and the result is itself a working day): "remind 3 working days before the deadline".
 */
export function subtractWorkingDays(end: CalendarDate | Date, n: number): CalendarDate {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`subtractWorkingDays needs n >= 0, got ${n}`);
  let day = dayNumberOf(toCalendarDate(end));
  for (let counted = 0; counted < n; ) {
    if (isWorkingDayNumber(day)) counted += 1;
    day -= 1;
  }
  while (n > 0 && !isWorkingDayNumber(day)) day -= 1;
  return dateOfDayNumber(day);
}

/** Working days after `from` up to and including `to`; negative when `to` is before `from`. */
export function workingDaysBetween(from: CalendarDate | Date, to: CalendarDate | Date): number {
  const start = dayNumberOf(toCalendarDate(from));
  const end = dayNumberOf(toCalendarDate(to));
  const sign = end < start ? -1 : 1;
  let count = 0;
  for (let day = Math.min(start, end) + 1; day <= Math.max(start, end); day += 1)
    if (isWorkingDayNumber(day)) count += 1;
  return sign * count;
}

/** Adds calendar days to a date. */
export function addCalendarDays(date: CalendarDate, days: number): CalendarDate {
  return new Date(toUtcMidnight(date) + days * DAY_MS).toISOString().slice(0, 10);
}

export function isCalendarDate(value: string): boolean {
  const match = DATE_PATTERN.exec(value);
  if (!match) return false;
  const time = Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
  return new Date(time).toISOString().slice(0, 10) === value;
}

function toCalendarDate(value: CalendarDate | Date): CalendarDate {
  if (value instanceof Date) return shanghaiDateOf(value);
  if (!isCalendarDate(value)) throw new RangeError(`Not a YYYY-MM-DD date: ${value}`);
  return value;
}

function toUtcMidnight(date: CalendarDate): number {
  const match = DATE_PATTERN.exec(date);
  if (!match) throw new RangeError(`Not a YYYY-MM-DD date: ${date}`);
  return Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
}

function dayNumberOf(date: CalendarDate): number {
  return toUtcMidnight(date) / DAY_MS;
}

function dateOfDayNumber(dayNumber: number): CalendarDate {
  return new Date(dayNumber * DAY_MS).toISOString().slice(0, 10);
}

function nextDay(date: CalendarDate): CalendarDate {
  return new Date(toUtcMidnight(date) + DAY_MS).toISOString().slice(0, 10);
}
