export interface LimitDecision {
  allowed: boolean;
  limit: number;
  remaining: number;
  /** Seconds until the window resets. */
  resetSeconds: number;
}

/**
 * Counts requests per key in fixed one-minute windows, in memory. @fastify/rate-limit is not
 * installed and the limit is a coarse guard against runaway clients, so a per-process counter
 * is enough: with N gateway replicas a key gets at most N × the limit. The map is dropped at
 * every window change, so memory stays bounded by one minute's worth of keys.
 */
export class FixedWindowLimiter {
  private windowStart = 0;
  private counts = new Map<string, number>();

  constructor(
    private readonly limitPerWindow: number,
    private readonly windowMs = 60_000,
    private readonly now: () => number = Date.now,
  ) {}

  hit(key: string): LimitDecision {
    const now = this.now();
    const windowStart = now - (now % this.windowMs);
    if (windowStart !== this.windowStart) {
      this.windowStart = windowStart;
      this.counts = new Map();
    }
    const count = (this.counts.get(key) ?? 0) + 1;
    this.counts.set(key, count);
    return {
      allowed: count <= this.limitPerWindow,
      limit: this.limitPerWindow,
      remaining: Math.max(0, this.limitPerWindow - count),
      resetSeconds: Math.ceil((windowStart + this.windowMs - now) / 1000),
    };
  }
}
