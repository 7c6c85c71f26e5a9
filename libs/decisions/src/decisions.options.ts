import type { Invalidation } from './permission-event.invalidation';

export interface DecisionsOptions {
  /**
   * Who asks: the checks go out as the system actor of this name (`{ kind: 'system', id: caller }`),
   * so permissions' logs say which app asked.
   */
  caller: string;
  /** Deployment prefix of NATS subjects and streams (config.nats.prefix). */
  prefix: string;
  /** The longest a decision is cached (DECISION_CACHE_TTL_MS); never past its `validUntil`. */
  cacheTtlMs: number;
}

export const DECISIONS_OPTIONS = Symbol('DECISIONS_OPTIONS');

/** Counts what the decision cache does (the gateway shows it on /metrics); optional. */
export interface DecisionObserver {
  hit(): void;
  miss(): void;
  /** Entries dropped by one subject's event, by everything-events, or by the event feed going down. */
  invalidated(scope: 'subject' | 'all' | 'feed'): void;
}

export const DECISION_OBSERVER = Symbol('DECISION_OBSERVER');

/**
 * Something else a permissions event can make stale (the gateway's authenticated API keys): it is
 * told each invalidation, and whether the feed is live (while it is not, it must not serve).
 */
export interface PermissionsFeedFollower {
  apply(invalidation: Invalidation): void;
  setLive(live: boolean): void;
}

export const PERMISSIONS_FEED_FOLLOWERS = Symbol('PERMISSIONS_FEED_FOLLOWERS');
