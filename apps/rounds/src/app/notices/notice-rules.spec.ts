import { dueNotice, firstNoticeDay } from './notice-rules';

describe('what a waiting task is due (reminders in working days, then escalation)', () => {
  // Deadline Tuesday 8 October 2024, after 国庆; reminders 3 and 1 working days before it:
  // 3 → Friday 27 September, 1 → Monday 30 September (the holiday week is not counted).
  const deadline = '2024-10-08';
  const days = [3, 1];

  it('is nothing before the first reminder day', () => {
    expect(dueNotice(deadline, days, '2024-09-26')).toBeNull();
    expect(firstNoticeDay(deadline, days)).toBe('2024-09-27');
  });

  it('is the 3-day reminder from its day, then the 1-day reminder from its day, across the holiday', () => {
    expect(dueNotice(deadline, days, '2024-09-27')).toEqual({
      kind: 'reminder',
      day: '2024-09-27',
      workingDaysBefore: 3,
    });
    // Sunday 29 September is a 调休 working day: 2 working days before, still the 3-day reminder.
    expect(dueNotice(deadline, days, '2024-09-29')).toMatchObject({ workingDaysBefore: 3 });
    expect(dueNotice(deadline, days, '2024-09-30')).toEqual({
      kind: 'reminder',
      day: '2024-09-30',
      workingDaysBefore: 1,
    });
    expect(dueNotice(deadline, days, '2024-10-05')).toMatchObject({ workingDaysBefore: 1 });
    expect(dueNotice(deadline, days, deadline)).toMatchObject({ workingDaysBefore: 1 });
  });

  it('is the overdue escalation from the day after the deadline, keyed by the deadline', () => {
    expect(dueNotice(deadline, days, '2024-10-09')).toEqual({ kind: 'overdue', day: deadline });
    expect(dueNotice(deadline, [], '2024-12-01')).toEqual({ kind: 'overdue', day: deadline });
    expect(dueNotice(deadline, [], deadline)).toBeNull();
  });
});
