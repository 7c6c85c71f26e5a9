import { z } from 'zod';

/** -1 (JetStream's "no limit") or a positive number. */
const limit = z.coerce
  .number()
  .int()
  .refine((value) => value === -1 || value > 0, '-1 (no limit) or a positive number')
  .default(-1);

/**
 * How each producing service's event stream is stored. Explicit so a 3-node NATS cluster gets
 * `JETSTREAM_REPLICAS=3`; the limits default to none because reports rebuild from the streams.
 */
export const JetStreamEnvSchema = z.object({
  JETSTREAM_STORAGE: z.enum(['file', 'memory']).default('file'),
  JETSTREAM_REPLICAS: z.coerce.number().int().min(1).max(5).default(1),
  /** 0 keeps events for ever. */
  JETSTREAM_MAX_AGE_MS: z.coerce.number().int().min(0).default(0),
  JETSTREAM_MAX_BYTES: limit,
  JETSTREAM_MAX_MSGS: limit,
  /** What a full stream does: `new` refuses the publish (the event waits in the outbox), `old` drops the oldest event. */
  JETSTREAM_DISCARD: z.enum(['new', 'old']).default('new'),
  JETSTREAM_DUPLICATE_WINDOW_MS: z.coerce
    .number()
    .int()
    .positive()
    .default(10 * 60 * 1000),
});

/** Each data service's own HTTP listener for Prometheus and Kubernetes probes, and its readiness rules. */
export const ObservabilityEnvSchema = z.object({
  /** Unset: no listener (the NATS health subject still answers). */
  METRICS_PORT: z.coerce.number().int().min(1).max(65535).optional(),
  METRICS_HOST: z.string().min(1).default('0.0.0.0'),
  /** Not ready when the oldest unsent outbox event is older than this. */
  READINESS_MAX_OUTBOX_AGE_MS: z.coerce.number().int().positive().default(60_000),
});

export interface JetStreamSettings {
  storage: 'file' | 'memory';
  replicas: number;
  /** 0 = no limit. */
  maxAgeMs: number;
  /** -1 = no limit. */
  maxBytes: number;
  /** -1 = no limit. */
  maxMsgs: number;
  discard: 'new' | 'old';
  duplicateWindowMs: number;
}

export interface ObservabilitySettings {
  /** null: no HTTP listener. */
  metricsPort: number | null;
  metricsHost: string;
  readinessMaxOutboxAgeMs: number;
}

export function toJetStreamSettings(env: z.infer<typeof JetStreamEnvSchema>): JetStreamSettings {
  return {
    storage: env.JETSTREAM_STORAGE,
    replicas: env.JETSTREAM_REPLICAS,
    maxAgeMs: env.JETSTREAM_MAX_AGE_MS,
    maxBytes: env.JETSTREAM_MAX_BYTES,
    maxMsgs: env.JETSTREAM_MAX_MSGS,
    discard: env.JETSTREAM_DISCARD,
    duplicateWindowMs: env.JETSTREAM_DUPLICATE_WINDOW_MS,
  };
}

export function toObservabilitySettings(env: z.infer<typeof ObservabilityEnvSchema>): ObservabilitySettings {
  return {
    metricsPort: env.METRICS_PORT ?? null,
    metricsHost: env.METRICS_HOST,
    readinessMaxOutboxAgeMs: env.READINESS_MAX_OUTBOX_AGE_MS,
  };
}
