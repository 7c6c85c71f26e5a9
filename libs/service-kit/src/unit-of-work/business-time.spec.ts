import { DomainError, ErrorCode } from '@gongkai/contracts';
import { BUSINESS_TIME_SKEW_MS, businessTimeOf } from './business-time';

/** 2024-09-20 15:30 in Beijing. */
const NOW = new Date('2024-09-20T07:30:00.000Z');

function refusal(attempt: () => unknown): DomainError {
  try {
    attempt();
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('businessTimeOf', () => {
  it('is now when the caller gives no time', () => {
    expect(businessTimeOf(undefined, NOW)).toBe(NOW);
  });

  it('takes a time in the past as given, however long ago', () => {
    expect(businessTimeOf('2019-03-01T09:00:00+08:00', NOW)).toEqual(new Date('2019-03-01T01:00:00.000Z'));
  });

  it('takes a time earlier the same day', () => {
    expect(businessTimeOf('2024-09-20T08:05:00+08:00', NOW)).toEqual(new Date('2024-09-20T00:05:00.000Z'));
  });

  it('takes exactly now', () => {
    expect(businessTimeOf(NOW.toISOString(), NOW)).toEqual(NOW);
  });

  it('allows a minute of clock skew into the future, up to its last millisecond', () => {
    const ahead = new Date(NOW.getTime() + 30_000);
    expect(businessTimeOf(ahead.toISOString(), NOW)).toEqual(ahead);
    const edge = new Date(NOW.getTime() + BUSINESS_TIME_SKEW_MS);
    expect(businessTimeOf(edge.toISOString(), NOW)).toEqual(edge);
  });

  it('refuses a time beyond the skew with a field error naming occurredAt and what to do', () => {
    const future = new Date(NOW.getTime() + BUSINESS_TIME_SKEW_MS + 1).toISOString();
    const error = refusal(() => businessTimeOf(future, NOW));
    expect(error.code).toBe(ErrorCode.VALIDATION_FAILED);
    expect(error.message).toBe(
      `occurredAt ${future} lies in the future; give the time it actually happened, or leave it out for now`,
    );
    expect(error.details).toEqual([{ code: 'custom', path: ['body', 'occurredAt'], message: error.message }]);
  });

  it('names the field the time came from when it is not occurredAt', () => {
    const error = refusal(() => businessTimeOf('2999-01-01T00:00:00Z', NOW, { field: 'changedAt' }));
    expect(error.message).toMatch(/^changedAt 2999-01-01T00:00:00Z lies in the future/);
    expect(error.details).toEqual([expect.objectContaining({ path: ['body', 'changedAt'] })]);
  });

  it('refuses a string that is no time, rather than recording an invalid date', () => {
    const error = refusal(() => businessTimeOf('yesterday afternoon', NOW));
    expect(error.code).toBe(ErrorCode.VALIDATION_FAILED);
    expect(error.message).toMatch(
      /^occurredAt "yesterday afternoon" is not a time; give an ISO 8601 timestamp/,
    );
    expect(error.details).toEqual([expect.objectContaining({ path: ['body', 'occurredAt'] })]);
  });
});
