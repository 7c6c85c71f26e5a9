import { businessTimesOf, startOfShanghaiDay } from './business-time';

describe('business time in a request body', () => {
  const now = new Date('2026-11-30T03:00:00Z'); // 11:00 in Shanghai

  it('starts the day at midnight in Shanghai, also just after midnight there', () => {
    expect(startOfShanghaiDay(now).toISOString()).toBe('2026-11-29T16:00:00.000Z');
    expect(startOfShanghaiDay(new Date('2026-11-29T16:30:00Z')).toISOString()).toBe(
      '2026-11-29T16:00:00.000Z',
    );
    expect(startOfShanghaiDay(new Date('2026-11-29T15:59:59Z')).toISOString()).toBe(
      '2026-11-28T16:00:00.000Z',
    );
  });

  it('counts a time earlier the same day as ordinary entry, and decides the command at it', () => {
    expect(businessTimesOf({ occurredAt: '2026-11-30T08:30:00+08:00' }, now)).toEqual({
      backdated: [],
      decideAt: '2026-11-30T00:30:00.000Z',
    });
  });

  it('names every field set on an earlier day', () => {
    expect(
      businessTimesOf(
        {
          occurredAt: '2026-11-29T23:59:00+08:00',
          changedAt: '2026-11-01T00:00:00Z',
          informationChangedAt: null,
        },
        now,
      ),
    ).toEqual({ backdated: ['occurredAt', 'changedAt'], decideAt: '2026-11-29T15:59:00.000Z' });
    expect(businessTimesOf({ informationChangedAt: '2025-09-01T00:00:00Z' }, now)).toEqual({
      backdated: ['informationChangedAt'],
    });
  });

  it('leaves unreadable and future values to validation, and bodies that are not objects alone', () => {
    expect(businessTimesOf({ occurredAt: 'yesterday' }, now)).toEqual({ backdated: [] });
    expect(businessTimesOf({ occurredAt: '2026-12-01T00:00:00Z' }, now)).toEqual({ backdated: [] });
    expect(businessTimesOf(undefined, now)).toEqual({ backdated: [] });
    expect(businessTimesOf(['2020-01-01T00:00:00Z'], now)).toEqual({ backdated: [] });
  });
});
