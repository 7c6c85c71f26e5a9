import { FixedWindowLimiter } from './fixed-window-limiter';

describe('FixedWindowLimiter', () => {
  it('allows the limit per key and window, then refuses until the window ends', () => {
    let now = 120_000 + 15_000;
    const limiter = new FixedWindowLimiter(2, 60_000, () => now);
    expect(limiter.hit('a')).toEqual({ allowed: true, limit: 2, remaining: 1, resetSeconds: 45 });
    expect(limiter.hit('a').allowed).toBe(true);
    expect(limiter.hit('a')).toEqual({ allowed: false, limit: 2, remaining: 0, resetSeconds: 45 });
    expect(limiter.hit('b').allowed).toBe(true);
    now = 180_000;
    expect(limiter.hit('a')).toMatchObject({ allowed: true, remaining: 1, resetSeconds: 60 });
  });
});
