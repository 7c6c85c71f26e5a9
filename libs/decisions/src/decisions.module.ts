import { Module, type DynamicModule, type Provider } from '@nestjs/common';
import { DecisionCache } from './decision.cache';
import { DecisionClient } from './decision.client';
import { DECISIONS_OPTIONS, type DecisionsOptions } from './decisions.options';
import { PermissionsEventFeed } from './permissions-event.feed';

/**
 * The decision client, its cache and the permissions event feed that invalidates it, for an app
 * whose DECISIONS_OPTIONS (and optional DECISION_OBSERVER, PERMISSIONS_FEED_FOLLOWERS) are
 * provided next to them: the gateway lists these among its own providers.
 */
export const decisionProviders: Provider[] = [
  {
    provide: DecisionCache,
    useFactory: (options: DecisionsOptions) => new DecisionCache(options.cacheTtlMs),
    inject: [DECISIONS_OPTIONS],
  },
  DecisionClient,
  PermissionsEventFeed,
];

/**
 * Permission decisions for a service (global, so every feature module can inject DecisionClient).
 * Needs `ServiceClientModule.forRoot` (its ServiceClient and NATS connection):
 *
 *   DecisionsModule.forService({ caller: 'catalogue', prefix: config.nats.prefix,
 *     cacheTtlMs: config.decisionCacheTtlMs })
 */
@Module({})
export class DecisionsModule {
  static forService(options: DecisionsOptions): DynamicModule {
    return {
      module: DecisionsModule,
      global: true,
      providers: [{ provide: DECISIONS_OPTIONS, useValue: options }, ...decisionProviders],
      exports: [DecisionClient],
    };
  }
}
