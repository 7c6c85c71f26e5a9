import type { Provider } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import type { GatewayConfig } from '@gongkai/config';
import {
  DECISIONS_OPTIONS,
  DECISION_OBSERVER,
  PERMISSIONS_FEED_FOLLOWERS,
  decisionProviders,
  type DecisionObserver,
  type DecisionsOptions,
  type PermissionsFeedFollower,
} from '@gongkai/decisions';
import { GATEWAY_CONFIG } from '../config/gateway-config.token';
import { API_KEY_CACHE_TTL_MS, ApiClientCache } from './api-client.cache';
import { ActingCheck } from './acting-check';
import { ApiKeyResolver, PermissionsApiKeyResolver } from './api-key.resolver';
import { AuthFailureLimiter } from './auth-failure-limiter';
import { AuthGuard } from './auth.guard';
import { AuthMetrics } from './auth.metrics';
import { BearerTokenVerifier } from './bearer-token.verifier';
import { LocalJwtVerifier } from './local-jwt-verifier';
import { OidcVerifier } from './oidc-verifier';
import { StaffDirectory } from './staff-directory';
import { RefusedApiKeys } from './refused-api-keys';

/** The decision cache's counters, on the gateway's /metrics as `cache="decision"`. */
function decisionObserverOf(authMetrics: AuthMetrics): DecisionObserver {
  return {
    hit: () => authMetrics.hit('decision'),
    miss: () => authMetrics.miss('decision'),
    invalidated: (scope) => authMetrics.invalidated('decision', scope),
  };
}

/** Campus API keys follow the same permissions events: a rotated or revoked client's keys drop. */
function apiKeyFollowerOf(apiClientCache: ApiClientCache, authMetrics: AuthMetrics): PermissionsFeedFollower {
  return {
    apply(invalidation) {
      if (invalidation.scope !== 'subjects') return;
      for (const subject of invalidation.subjects) {
        if (subject.type !== 'client') continue;
        apiClientCache.dropClient(subject.id);
        authMetrics.invalidated('api_key', 'client');
      }
    },
    setLive(live) {
      if (!live && (apiClientCache.isLive || apiClientCache.entryCount > 0)) {
        authMetrics.invalidated('api_key', 'feed');
      }
      apiClientCache.setLive(live);
    },
  };
}

/**
 * Authentication and authorisation, provided in the AppModule itself: they need its
 * GATEWAY_CONFIG and MetricsService, which a feature module could not inject. Decisions are the
 * shared DecisionClient (@gongkai/decisions), with the gateway's metrics and API key cache hooked
 * to its permissions event feed.
 */
export const authProviders: Provider[] = [
  LocalJwtVerifier,
  OidcVerifier,
  StaffDirectory,
  BearerTokenVerifier,
  AuthMetrics,
  {
    provide: DECISIONS_OPTIONS,
    useFactory: (config: GatewayConfig): DecisionsOptions => ({
      caller: 'gateway',
      prefix: config.nats.prefix,
      cacheTtlMs: config.decisionCacheTtlMs,
    }),
    inject: [GATEWAY_CONFIG],
  },
  { provide: DECISION_OBSERVER, useFactory: decisionObserverOf, inject: [AuthMetrics] },
  {
    provide: ApiClientCache,
    useFactory: (config: GatewayConfig) =>
      new ApiClientCache(Math.min(API_KEY_CACHE_TTL_MS, config.decisionCacheTtlMs)),
    inject: [GATEWAY_CONFIG],
  },
  {
    provide: PERMISSIONS_FEED_FOLLOWERS,
    useFactory: (apiClientCache: ApiClientCache, authMetrics: AuthMetrics) => [
      apiKeyFollowerOf(apiClientCache, authMetrics),
    ],
    inject: [ApiClientCache, AuthMetrics],
  },
  { provide: RefusedApiKeys, useFactory: () => new RefusedApiKeys() },
  AuthFailureLimiter,
  ...decisionProviders,
  ActingCheck,
  { provide: ApiKeyResolver, useClass: PermissionsApiKeyResolver },
  { provide: APP_GUARD, useClass: AuthGuard },
];
