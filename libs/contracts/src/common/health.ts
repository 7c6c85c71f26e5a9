import type { ServiceName } from './services';

/** Every service answers `<service>.health.ping`; the gateway's /readyz asks them all. */
export function healthSubjectOf(service: ServiceName): string {
  return `${service}.health.ping`;
}

/**
 * A ready service's answer. `degraded`: it publishes and consumes, but `warnings` need a look (a
 * stream whose configuration drifted). A service that is not ready answers the typed error
 * UNAVAILABLE instead, with `details.reasons`.
 */
export interface HealthReply {
  service: ServiceName;
  status: 'ok' | 'degraded';
  database: 'ok' | 'n/a';
  uptimeSeconds: number;
  warnings?: string[];
}

/** `details` of the UNAVAILABLE error a service that is not ready answers its health subject with. */
export interface NotReadyDetails {
  status: 'not_ready';
  reasons: string[];
  warnings: string[];
}
