import { decideAfterFailure } from './retry-policy';

describe('retry policy', () => {
  const policy = { maxDeliver: 4, backoffMs: [100, 1000] };

  it('backs off step by step and repeats the last step', () => {
    expect(decideAfterFailure(policy, { deliveryCount: 1, poison: false })).toEqual({
      kind: 'retry',
      delayMs: 100,
    });
    expect(decideAfterFailure(policy, { deliveryCount: 2, poison: false })).toEqual({
      kind: 'retry',
      delayMs: 1000,
    });
    expect(decideAfterFailure(policy, { deliveryCount: 3, poison: false })).toEqual({
      kind: 'retry',
      delayMs: 1000,
    });
  });

  it('parks the event after the last try', () => {
    expect(decideAfterFailure(policy, { deliveryCount: 4, poison: false })).toEqual({ kind: 'dead-letter' });
  });

  it('parks a poison message at once: retrying cannot fix it', () => {
    expect(decideAfterFailure(policy, { deliveryCount: 1, poison: true })).toEqual({ kind: 'dead-letter' });
  });
});
