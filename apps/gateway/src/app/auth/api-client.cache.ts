import { createHash } from 'node:crypto';
import type { ApiClient } from './api-key.resolver';

interface Entry {
  client: ApiClient;
  expiresAt: number;
}

/** How long an authenticated campus key is trusted without asking permissions again (at most). */
export const API_KEY_CACHE_TTL_MS = 30_000;
export const MAX_CACHED_API_KEYS = 10_000;

/** The cache key of a presented API key: its SHA-256, so no key is ever kept in memory. */
export function apiKeyDigestOf(apiKey: string): string {
  return createHash('sha256').update(apiKey, 'utf8').digest('hex');
}

/**
 * Campus clients by the digest of their key, for a short TTL. Dropped per client on its
 * `client.*` events (rotated, revoked) and wholly when the event feed is lost, like the DecisionCache
 * (@gongkai/decisions), whose PermissionsEventFeed it follows.
 * Only successful authentications are kept: a refused key is asked again (the rate limit bounds it).
 */
export class ApiClientCache {
  private readonly byDigest = new Map<string, Entry>();
  private live = false;
  generation = 0;

  constructor(
    private readonly ttlMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  get isLive(): boolean {
    return this.live;
  }

  get entryCount(): number {
    return this.byDigest.size;
  }

  setLive(live: boolean): void {
    if (!live) this.dropAll();
    this.live = live;
  }

  get(digest: string): ApiClient | undefined {
    if (!this.live) return undefined;
    const entry = this.byDigest.get(digest);
    if (!entry) return undefined;
    if (entry.expiresAt <= this.now()) {
      this.byDigest.delete(digest);
      return undefined;
    }
    return entry.client;
  }

  set(digest: string, client: ApiClient, askedAtGeneration: number): boolean {
    if (!this.live || askedAtGeneration !== this.generation) return false;
    if (this.byDigest.size >= MAX_CACHED_API_KEYS) this.dropAll();
    this.byDigest.set(digest, { client, expiresAt: this.now() + this.ttlMs });
    return true;
  }

  dropClient(clientId: string): number {
    this.generation += 1;
    let dropped = 0;
    for (const [digest, entry] of this.byDigest) {
      if (entry.client.id === clientId) {
        this.byDigest.delete(digest);
        dropped += 1;
      }
    }
    return dropped;
  }

  dropAll(): number {
    this.generation += 1;
    const dropped = this.byDigest.size;
    this.byDigest.clear();
    return dropped;
  }
}
