import { RefusedApiKeys } from './refused-api-keys';

describe('RefusedApiKeys', () => {
  it('remembers a refused key for its TTL only', () => {
    let now = 1000;
    const refused = new RefusedApiKeys(60_000, 10, () => now);
    refused.add('a');
    expect(refused.has('a')).toBe(true);
    expect(refused.has('b')).toBe(false);
    now += 60_000;
    expect(refused.has('a')).toBe(false);
  });

  it('keeps at most its bound, dropping the oldest first', () => {
    const refused = new RefusedApiKeys(60_000, 3);
    for (const digest of ['a', 'b', 'c', 'd']) refused.add(digest);
    expect(['a', 'b', 'c', 'd'].map((digest) => refused.has(digest))).toEqual([false, true, true, true]);
  });
});
