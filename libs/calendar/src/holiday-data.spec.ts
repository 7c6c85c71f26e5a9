import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadHolidayFile } from './holiday-data';
import { HOLIDAY_DATA_YEARS, addWorkingDays, isWorkingDay } from './working-days';

/** A HOLIDAYS_FILE as an office would write it from a year's notice (2027 here is made up). */
const YEAR_2027 = {
  notice: '国办发明电〔2026〕99号（测试用）',
  holidays: [
    ['2027-10-01', '2027-10-07'],
    ['2027-01-01', '2027-01-01'],
  ],
  workdays: ['2027-09-26', '2027-10-09'],
};

describe('extra holiday data (HOLIDAYS_FILE)', () => {
  let dir: string;
  const write = (name: string, content: unknown) => {
    const path = join(dir, name);
    writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
    return path;
  };

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'gongkai-holidays-spec-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('refuses a file that is not JSON, or dates that are no dates, naming the file and the place', () => {
    expect(() => loadHolidayFile(write('broken.json', '{ "years": '))).toThrow(/broken\.json cannot be read/);
    expect(() =>
      loadHolidayFile(
        write('bad.json', {
          years: {
            '2027': { ...YEAR_2027, holidays: [['2027-10-07', '2027-10-01']], workdays: ['2027-02-30'] },
          },
        }),
      ),
    ).toThrow(
      /years\.2027\.holidays\.0: a range runs from its first day to its last[\s\S]*years\.2027\.workdays\.0/,
    );
    expect(() =>
      loadHolidayFile(
        write('weekday.json', { years: { '2027': { ...YEAR_2027, workdays: ['2027-10-08'] } } }),
      ),
    ).toThrow(/调休 workdays are Saturdays or Sundays/);
    expect(() =>
      loadHolidayFile(
        write('elsewhere.json', { years: { '2027': { ...YEAR_2027, workdays: ['2028-01-01'] } } }),
      ),
    ).toThrow(/dates outside 2027: 2028-01-01/);
    // Nothing was merged by a refused file.
    expect(HOLIDAY_DATA_YEARS).not.toContain(2027);
  });

  it('adds a year without a release: its holidays and 调休 days count from then on', () => {
    expect(isWorkingDay('2027-10-04')).toBe(true); // a Monday, plain counting
    expect(loadHolidayFile(write('2027.json', { years: { '2027': YEAR_2027 } }))).toEqual([2027]);
    expect(HOLIDAY_DATA_YEARS).toContain(2027);
    expect(isWorkingDay('2027-10-04')).toBe(false);
    expect(isWorkingDay('2027-10-09')).toBe(true); // the Saturday worked
    expect(addWorkingDays('2027-09-30', 1)).toBe('2027-10-08');
  });

  it('replaces a built-in year whole when the file gives it again (a corrected notice)', () => {
    expect(isWorkingDay('2024-10-12')).toBe(true); // built-in: Saturday 12 October 2024 worked
    loadHolidayFile(
      write('2024.json', {
        years: {
          '2024': { notice: '更正（测试用）', holidays: [['2024-10-01', '2024-10-03']], workdays: [] },
        },
      }),
    );
    expect(isWorkingDay('2024-10-12')).toBe(false);
    expect(isWorkingDay('2024-10-04')).toBe(true);
    expect(isWorkingDay('2024-02-12')).toBe(true); // 春节 2024 was not in the corrected year
  });
});
