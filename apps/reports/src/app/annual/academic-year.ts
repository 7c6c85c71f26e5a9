import { endOfShanghaiDay, shanghaiDateOf, startOfShanghaiDay } from '@gongkai/calendar';

/** An academic year: 1 September – 31 August, Asia/Shanghai, as dates and the instants they span. */
export interface AcademicYear {
  name: string;
  from: string;
  to: string;
  start: Date;
  end: Date;
}

export function academicYearOf(name: string): AcademicYear {
  const first = Number(name.slice(0, 4));
  const from = `${first}-09-01`;
  const to = `${first + 1}-08-31`;
  return { name, from, to, start: startOfShanghaiDay(from), end: endOfShanghaiDay(to) };
}

/** The academic year an instant falls in (Beijing date: September starts the next one). */
export function academicYearContaining(instant: Date): AcademicYear {
  const [year = 0, month = 1] = shanghaiDateOf(instant).split('-').map(Number);
  const first = month >= 9 ? year : year - 1;
  return academicYearOf(`${first}-${first + 1}`);
}

export const inYear = (year: AcademicYear, instant: Date): boolean =>
  instant >= year.start && instant <= year.end;

export const dateInYear = (year: AcademicYear, date: string): boolean => date >= year.from && date <= year.to;

export { shanghaiDateOf };
