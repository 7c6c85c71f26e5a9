import { DomainError, ErrorCode } from '@gongkai/contracts';
import { changeTheLimitRunsFrom, nextVersion, timeLimitMet } from './publish-version.use-case';

const ITEM = { id: '0190b3a4-7c1e-7c3a-8f00-00000000c0de', code: 'MOE-21' };

describe('nextVersion', () => {
  it('is version 1 for an item never published', () => {
    expect(nextVersion(ITEM, null, new Date('2024-09-20T02:00:00Z'))).toBe(1);
  });

  it('follows the tip, at its time or later', () => {
    const tip = { version: 3, publishedAt: new Date('2024-09-20T02:00:00Z') };
    expect(nextVersion(ITEM, tip, new Date('2024-09-20T02:00:00Z'))).toBe(4);
    expect(nextVersion(ITEM, tip, new Date('2024-10-01T02:00:00Z'))).toBe(4);
  });

  it('refuses a version dated before the tip, saying when the tip went out', () => {
    const tip = { version: 3, publishedAt: new Date('2024-09-20T02:00:00Z') };
    let refusal: unknown;
    try {
      nextVersion(ITEM, tip, new Date('2024-09-19T02:00:00Z'));
    } catch (error) {
      refusal = error;
    }
    expect(refusal).toBeInstanceOf(DomainError);
    expect(refusal).toMatchObject({
      code: ErrorCode.PRECONDITION_FAILED,
      reason: 'PUBLICATION_OUT_OF_ORDER',
      details: { itemId: ITEM.id, latestPublishedAt: '2024-09-20T02:00:00.000Z' },
    });
  });
});

describe('timeLimitMet', () => {
  // Friday 2024-09-20, 10:00 in Beijing; 20 working days later (after the National Day
  // holiday) is Wednesday 2024-10-23, due by its end, Beijing time.
  const changedAt = new Date('2024-09-20T02:00:00Z');

  it('is met when published by the end of the last working day of the limit', () => {
    expect(
      timeLimitMet({
        informationChangedAt: changedAt,
        timeLimitDays: 20,
        publishedAt: new Date('2024-10-23T15:59:59Z'),
      }),
    ).toEqual({ dueAt: new Date('2024-10-23T15:59:59.999Z'), publishedOnTime: true });
  });

  it('is missed when published after it', () => {
    expect(
      timeLimitMet({
        informationChangedAt: changedAt,
        timeLimitDays: 20,
        publishedAt: new Date('2024-10-23T16:00:00Z'),
      }).publishedOnTime,
    ).toBe(false);
  });

  it('does not apply without a recorded change', () => {
    expect(
      timeLimitMet({
        informationChangedAt: null,
        timeLimitDays: 20,
        publishedAt: new Date('2024-10-23T16:00:00Z'),
      }),
    ).toEqual({ dueAt: null, publishedOnTime: null });
  });
});

describe('changeTheLimitRunsFrom', () => {
  const recorded = new Date('2024-11-01T01:00:00Z');

  it('runs from the recorded change when the content declares a later one', () => {
    expect(changeTheLimitRunsFrom(new Date('2024-12-10T01:00:00Z'), recorded)).toBe(recorded);
  });

  it('runs from the declared change when it is the earlier', () => {
    const declared = new Date('2024-10-20T01:00:00Z');
    expect(changeTheLimitRunsFrom(declared, recorded)).toBe(declared);
  });

  it('takes whichever is known, and none without either', () => {
    expect(changeTheLimitRunsFrom(null, recorded)).toBe(recorded);
    expect(changeTheLimitRunsFrom(recorded, null)).toBe(recorded);
    expect(changeTheLimitRunsFrom(null, null)).toBeNull();
  });
});
