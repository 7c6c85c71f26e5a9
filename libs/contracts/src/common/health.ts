import type { ServiceName } from './services';

/** Every service answers `<service>.health.ping`; the gateway's /readyz asks them all. */
export function healthSubjectOf(service: ServiceName): string {
  return `${service}.health.ping`;
}

export interface HealthReply {
  service: ServiceName;
  status: 'ok';
  database: 'ok' | 'n/a';
  uptimeSeconds: number;
}
