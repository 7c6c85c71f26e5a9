import type { Provider } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import type { GatewayConfig } from '@gongkai/config';
import { GATEWAY_CONFIG } from '../config/gateway-config.token';
import { API_KEY_CACHE_TTL_MS, ApiClientCache } from './api-client.cache';
import { ApiKeyResolver, PermissionsApiKeyResolver } from './api-key.resolver';
import { AuthGuard } from './auth.guard';
import { AuthMetrics } from './auth.metrics';
import { AuthorizationService, PermissionsAuthorizationService } from './authorization.service';
import { DecisionCache } from './decision.cache';
import { JwtVerifier } from './jwt-verifier';
import { PermissionsEventsListener } from './permissions-events.listener';

/**
 * Authentication and authorisation, provided in the AppModule itself: they need its
 * GATEWAY_CONFIG and MetricsService, which a feature module could not inject.
 */
export const authProviders: Provider[] = [
  JwtVerifier,
  AuthMetrics,
  {
    provide: DecisionCache,
    useFactory: (config: GatewayConfig) => new DecisionCache(config.decisionCacheTtlMs),
    inject: [GATEWAY_CONFIG],
  },
  {
    provide: ApiClientCache,
    useFactory: (config: GatewayConfig) =>
      new ApiClientCache(Math.min(API_KEY_CACHE_TTL_MS, config.decisionCacheTtlMs)),
    inject: [GATEWAY_CONFIG],
  },
  PermissionsEventsListener,
  { provide: ApiKeyResolver, useClass: PermissionsApiKeyResolver },
  { provide: AuthorizationService, useClass: PermissionsAuthorizationService },
  { provide: APP_GUARD, useClass: AuthGuard },
];
