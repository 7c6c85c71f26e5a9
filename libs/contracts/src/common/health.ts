import { z } from 'zod';
import { defineRpc } from './rpc-definition';
import { SERVICE_NAMES, type ServiceName } from './services';

/**
 * A ready service's answer. `degraded`: it publishes and consumes, but `warnings` need a look (a
 * stream whose configuration drifted). A service that is not ready answers the typed error
 * UNAVAILABLE instead, with `details.reasons` (NotReadyDetails).
 */
export const HealthReplySchema = z.object({
  service: z.enum(SERVICE_NAMES),
  status: z.enum(['ok', 'degraded']),
  database: z.enum(['ok', 'n/a']),
  uptimeSeconds: z.number(),
  warnings: z.array(z.string()).optional(),
});
export type HealthReply = z.infer<typeof HealthReplySchema>;

/**
 * Every service answers `<service>.health.ping`; the gateway's /readyz asks them all. The request
 * is not validated: probes (the container health check, the `nats` CLI) send an empty payload.
 */
export function healthRpcOf<TService extends ServiceName>(service: TService) {
  return defineRpc({
    subject: `${service}.health.ping` as const,
    request: z.unknown(),
    reply: HealthReplySchema,
  });
}

export function healthSubjectOf(service: ServiceName): string {
  return healthRpcOf(service).subject;
}

/** `details` of the UNAVAILABLE error a service that is not ready answers its health subject with. */
export interface NotReadyDetails {
  status: 'not_ready';
  reasons: string[];
  warnings: string[];
}
