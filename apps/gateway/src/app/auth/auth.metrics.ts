import { Injectable } from '@nestjs/common';
import { Counter } from 'prom-client';
import { MetricsService } from '../metrics/metrics.service';

/** `api_key_refused`: a key refused again from the gateway's short negative cache. */
export type CacheName = 'decision' | 'api_key' | 'api_key_refused';
/** What dropped cached entries: one subject's event, everything, or the event feed going down/up. */
export type InvalidationScope = 'subject' | 'client' | 'all' | 'feed';

/** Cache counters on the gateway's /metrics (its own registry, see MetricsService). */
@Injectable()
export class AuthMetrics {
  private readonly hits: Counter<'cache'>;
  private readonly misses: Counter<'cache'>;
  private readonly invalidations: Counter<'cache' | 'scope'>;

  constructor(metricsService: MetricsService) {
    const registers = [metricsService.registry];
    this.hits = new Counter({
      name: 'gateway_auth_cache_hits_total',
      help: 'Permission decisions and API key authentications answered from the gateway cache',
      labelNames: ['cache'] as const,
      registers,
    });
    this.misses = new Counter({
      name: 'gateway_auth_cache_misses_total',
      help: 'Permission decisions and API key authentications asked of the permissions service',
      labelNames: ['cache'] as const,
      registers,
    });
    this.invalidations = new Counter({
      name: 'gateway_auth_cache_invalidations_total',
      help: 'Cache drops caused by permissions events (or the event feed going down), by scope',
      labelNames: ['cache', 'scope'] as const,
      registers,
    });
  }

  hit(cache: CacheName): void {
    this.hits.inc({ cache });
  }

  miss(cache: CacheName): void {
    this.misses.inc({ cache });
  }

  invalidated(cache: CacheName, scope: InvalidationScope): void {
    this.invalidations.inc({ cache, scope });
  }
}
