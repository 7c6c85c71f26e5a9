import {
  HOLIDAY_DATA_YEARS,
  addCalendarDays,
  addWorkingDays,
  endOfShanghaiDay,
  hasHolidayData,
  isCalendarDate,
  isWorkingDay,
  shanghaiDateOf,
  shanghaiDayAt,
  startOfShanghaiDay,
  subtractWorkingDays,
  workingDaysBetween,
} from './working-days';

describe('Chinese working days (Asia/Shanghai)', () => {
  it('knows the holidays of 2023 to 2026', () => {
    expect(HOLIDAY_DATA_YEARS).toEqual([2023, 2024, 2025, 2026]);
    expect(hasHolidayData(2024)).toBe(true);
    expect(hasHolidayData(2027)).toBe(false);
  });

  describe('国庆 2024 (1–7 October off; Sunday 29 September and Saturday 12 October worked)', () => {
    it('counts the 调休 weekend days as working days and the holiday week as days off', () => {
      expect(isWorkingDay('2024-09-29')).toBe(true);
      expect(isWorkingDay('2024-10-12')).toBe(true);
      for (let day = 1; day <= 7; day += 1) expect(isWorkingDay(`2024-10-0${day}`)).toBe(false);
      expect(isWorkingDay('2024-10-08')).toBe(true);
      expect(isWorkingDay('2024-10-13')).toBe(false);
    });

    it('jumps the holiday week when adding working days', () => {
      expect(addWorkingDays('2024-09-27', 1)).toBe('2024-09-29');
      expect(addWorkingDays('2024-09-27', 2)).toBe('2024-09-30');
      expect(addWorkingDays('2024-09-30', 1)).toBe('2024-10-08');
    });

    it('gives the default 20-working-day time limit across the holiday', () => {
      // Plain Monday–Friday counting would say 18 October.
      expect(addWorkingDays('2024-09-20', 20)).toBe('2024-10-23');
      expect(workingDaysBetween('2024-09-20', '2024-10-23')).toBe(20);
    });
  });

  describe('春节 2024 (10–17 February off; Sundays 4 and 18 February worked)', () => {
    it('treats the 调休 Sundays as working days and 除夕 (9 February, a Friday) as a normal working day', () => {
      expect(isWorkingDay('2024-02-04')).toBe(true);
      expect(isWorkingDay('2024-02-09')).toBe(true);
      expect(isWorkingDay('2024-02-10')).toBe(false);
      expect(isWorkingDay('2024-02-15')).toBe(false);
      expect(isWorkingDay('2024-02-18')).toBe(true);
    });

    it('adds working days over the festival', () => {
      expect(addWorkingDays('2024-02-08', 1)).toBe('2024-02-09');
      expect(addWorkingDays('2024-02-08', 2)).toBe('2024-02-18');
      expect(addWorkingDays('2024-02-03', 1)).toBe('2024-02-04');
    });
  });

  it('counts 2025 and 2026 with their own notices', () => {
    expect(isWorkingDay('2025-01-26')).toBe(true); // Sunday worked before 春节 2025
    expect(isWorkingDay('2025-10-08')).toBe(false); // 国庆 + 中秋 2025: eight days
    expect(isWorkingDay('2026-02-14')).toBe(true); // Saturday worked before 春节 2026
    expect(isWorkingDay('2026-02-23')).toBe(false);
  });

  it('falls back to Monday–Friday outside the data', () => {
    expect(isWorkingDay('2027-10-01')).toBe(true); // a Friday; 2027's notice is not in the data
    expect(isWorkingDay('2027-10-02')).toBe(false);
    expect(addWorkingDays('2027-10-01', 1)).toBe('2027-10-04');
  });

  it('counts back working days for reminders, over a holiday and onto a 调休 Sunday', () => {
    // Deadline Tuesday 8 October 2024, after the National Day week; Sunday 29 September was worked.
    expect(subtractWorkingDays('2024-10-08', 1)).toBe('2024-09-30');
    expect(subtractWorkingDays('2024-10-08', 2)).toBe('2024-09-29');
    expect(subtractWorkingDays('2024-10-08', 3)).toBe('2024-09-27');
    expect(workingDaysBetween(subtractWorkingDays('2024-10-08', 3), '2024-10-08')).toBe(3);
    // A deadline on a day off: one working day before it is the last working day before it.
    expect(subtractWorkingDays('2024-10-05', 1)).toBe('2024-09-29');
    expect(subtractWorkingDays('2024-10-08', 0)).toBe('2024-10-08');
    expect(() => subtractWorkingDays('2024-10-08', -1)).toThrow(RangeError);
  });

  it('reads instants as Beijing dates', () => {
    expect(shanghaiDateOf(new Date('2024-09-30T16:30:00Z'))).toBe('2024-10-01');
    expect(isWorkingDay(new Date('2024-09-30T16:30:00Z'))).toBe(false);
    expect(isWorkingDay(new Date('2024-09-30T15:59:59Z'))).toBe(true);
    expect(startOfShanghaiDay('2024-10-08').toISOString()).toBe('2024-10-07T16:00:00.000Z');
    expect(endOfShanghaiDay('2024-10-08').toISOString()).toBe('2024-10-08T15:59:59.999Z');
  });

  it('gives the Beijing day of an instant with its bounds, as the dates above do', () => {
    const holiday = shanghaiDayAt(Date.parse('2024-09-30T16:30:00Z'));
    expect(holiday).toEqual({
      start: Date.parse('2024-09-30T16:00:00Z'),
      end: Date.parse('2024-10-01T16:00:00Z'),
      working: false,
    });
    expect(shanghaiDayAt(Date.parse('2024-09-30T15:59:59.999Z'))).toMatchObject({ working: true });
    expect(shanghaiDayAt(Date.parse('2024-10-12T04:00:00Z'))).toMatchObject({ working: true }); // 调休 Saturday
    expect(shanghaiDayAt(Date.parse('2024-10-13T04:00:00Z'))).toMatchObject({ working: false });
    for (const instant of ['2024-02-09T00:00:00Z', '2025-01-26T23:59:59.999Z', '2026-10-05T12:00:00Z']) {
      const day = shanghaiDayAt(Date.parse(instant));
      const date = shanghaiDateOf(new Date(instant));
      expect([day.start, day.end - 1, day.working]).toEqual([
        startOfShanghaiDay(date).getTime(),
        endOfShanghaiDay(date).getTime(),
        isWorkingDay(date),
      ]);
    }
  });

  it('leaves the start date alone for zero days and refuses negative or fractional counts', () => {
    expect(addWorkingDays('2024-10-03', 0)).toBe('2024-10-03');
    expect(() => addWorkingDays('2024-10-03', -1)).toThrow(RangeError);
    expect(() => addWorkingDays('2024-10-03', 1.5)).toThrow(RangeError);
    expect(() => addWorkingDays('2024-02-30', 1)).toThrow(RangeError);
  });

  it('validates and shifts calendar dates', () => {
    expect(isCalendarDate('2024-02-29')).toBe(true);
    expect(isCalendarDate('2023-02-29')).toBe(false);
    expect(isCalendarDate('2024-2-1')).toBe(false);
    expect(addCalendarDays('2024-12-31', 1)).toBe('2025-01-01');
    expect(workingDaysBetween('2024-10-23', '2024-09-20')).toBe(-20);
  });
});

describe('the clock the tests run on', () => {
  it('is UTC (jest.preset.js), so Beijing time appears only where the calendar names it', () => {
    expect(Intl.DateTimeFormat().resolvedOptions().timeZone).toBe('UTC');
    expect(new Date('2024-10-01T00:00:00').toISOString()).toBe('2024-10-01T00:00:00.000Z');
    expect(shanghaiDateOf(new Date('2024-09-30T16:00:00Z'))).toBe('2024-10-01');
  });
});
