import {
  computeFreshness,
  dueAfterChange,
  isInWindow,
  windowOccurrence,
  type FreshnessInput,
} from './freshness';

const base: FreshnessInput = {
  status: 'active',
  cycle: { kind: 'on_change' },
  timeLimitDays: 20,
  activeSince: new Date('2024-09-01T00:00:00+08:00'),
  lastPublishedAt: null,
  lastConfirmedAt: null,
  pendingChangeAt: null,
};

describe('freshness', () => {
  it('counts the time limit in Chinese working days and ends it at midnight Beijing time', () => {
    // 20 working days after 20 September 2024 run past 国庆 to 23 October.
    expect(dueAfterChange(new Date('2024-09-20T10:00:00+08:00'), 20).toISOString()).toBe(
      '2024-10-23T15:59:59.999Z',
    );
  });

  it('makes an item never published due a time limit after it entered the catalogue', () => {
    const freshness = computeFreshness(base, new Date('2024-09-10T00:00:00Z'));
    expect(freshness).toMatchObject({ dueReason: 'never_published', overdue: false });
    expect(freshness.nextDueAt).toBe(dueAfterChange(base.activeSince, 20).toISOString());
    expect(computeFreshness(base, new Date('2024-12-01T00:00:00Z')).overdue).toBe(true);
  });

  it('keeps a published on-change item current until its information changes', () => {
    const published = { ...base, lastPublishedAt: new Date('2024-09-05T00:00:00Z') };
    expect(computeFreshness(published, new Date('2026-01-01T00:00:00Z'))).toMatchObject({
      nextDueAt: null,
      overdue: false,
    });
    const changed = { ...published, pendingChangeAt: new Date('2024-09-20T02:00:00Z') };
    expect(computeFreshness(changed, new Date('2024-10-24T00:00:00Z'))).toMatchObject({
      nextDueAt: '2024-10-23T15:59:59.999Z',
      dueReason: 'change_pending',
      overdue: true,
    });
  });

  it('makes a December–January item due by the end of the next window after its last publication', () => {
    const cycle = { kind: 'annual_window' as const, startMonth: 12, endMonth: 1 };
    expect(windowOccurrence(cycle, 2024)).toEqual({ start: '2024-12-01', end: '2025-01-31' });
    const neverPublished = { ...base, cycle, activeSince: new Date('2024-03-01T00:00:00Z') };
    expect(computeFreshness(neverPublished, new Date('2024-06-01T00:00:00Z')).nextDueAt).toBe(
      '2025-01-31T15:59:59.999Z',
    );
    const publishedInWindow = { ...neverPublished, lastPublishedAt: new Date('2025-01-10T00:00:00Z') };
    expect(computeFreshness(publishedInWindow, new Date('2025-06-01T00:00:00Z'))).toMatchObject({
      nextDueAt: '2026-01-31T15:59:59.999Z',
      dueReason: 'window',
      overdue: false,
    });
    expect(isInWindow(cycle, new Date('2025-01-10T00:00:00Z'))).toBe(true);
    expect(isInWindow(cycle, new Date('2025-03-10T00:00:00Z'))).toBe(false);
  });

  it('counts a "no change" confirmation as brought up to date', () => {
    const cycle = { kind: 'annual_window' as const, startMonth: 9, endMonth: 10 };
    const confirmed = {
      ...base,
      cycle,
      lastPublishedAt: new Date('2023-10-01T00:00:00Z'),
      lastConfirmedAt: new Date('2024-10-15T00:00:00Z'),
    };
    expect(computeFreshness(confirmed, new Date('2024-11-01T00:00:00Z'))).toMatchObject({
      nextDueAt: '2025-10-31T15:59:59.999Z',
      overdue: false,
    });
  });

  it('never makes a retired item due', () => {
    expect(
      computeFreshness(
        { ...base, status: 'retired', pendingChangeAt: new Date('2020-01-01T00:00:00Z') },
        new Date(),
      ),
    ).toMatchObject({ nextDueAt: null, overdue: false, dueReason: null });
  });
});
