import { z } from 'zod';
import { defineRpc } from './rpc-definition';
import { SERVICE_NAMES, type ServiceName } from './services';

export const HealthReplySchema = z.object({
  service: z.enum(SERVICE_NAMES),
  status: z.literal('ok'),
  database: z.enum(['ok', 'n/a']),
  uptimeSeconds: z.number(),
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
