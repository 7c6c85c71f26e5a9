/** How long a key the permissions service refused is refused again without asking it. */
export const REFUSED_KEY_TTL_MS = 60_000;
export const MAX_REFUSED_KEYS = 50_000;

/**
 * A short negative cache of refused API keys, by their SHA-256 (never the key). Safe to keep: a
 * refused key cannot become valid, since a new key's secret is 256 fresh random bits; only an
 * outage could make a valid key look refused, and outages are not cached (503, not a refusal).
 * Bounded: the oldest entries go first (a Map keeps insertion order).
 */
export class RefusedApiKeys {
  private readonly expiresAt = new Map<string, number>();

  constructor(
    private readonly ttlMs = REFUSED_KEY_TTL_MS,
    private readonly maxEntries = MAX_REFUSED_KEYS,
    private readonly now: () => number = Date.now,
  ) {}

  has(digest: string): boolean {
    const until = this.expiresAt.get(digest);
    if (until === undefined) return false;
    if (until > this.now()) return true;
    this.expiresAt.delete(digest);
    return false;
  }

  add(digest: string): void {
    this.expiresAt.delete(digest);
    if (this.expiresAt.size >= this.maxEntries) {
      const oldest = this.expiresAt.keys().next().value;
      if (oldest !== undefined) this.expiresAt.delete(oldest);
    }
    this.expiresAt.set(digest, this.now() + this.ttlMs);
  }
}
