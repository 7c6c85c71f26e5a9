import type { z } from 'zod';
import type { ProducingServiceName } from './services';

/** A versioned domain event: its subject `evt.<service>.<aggregate>.<event>.v<major>` and payload schema. */
export interface EventDefinition<TSchema extends z.ZodType = z.ZodType> {
  readonly service: ProducingServiceName;
  /** `<service>.<aggregate>.<event>`, the envelope's `type`. */
  readonly type: string;
  readonly version: number;
  /** Subject without any deployment prefix. */
  readonly subject: string;
  readonly payload: TSchema;
}

export type EventPayload<TDefinition> = TDefinition extends EventDefinition<infer S> ? z.infer<S> : never;

export function defineEvent<TSchema extends z.ZodType>(spec: {
  service: ProducingServiceName;
  aggregate: string;
  event: string;
  version: number;
  payload: TSchema;
}): EventDefinition<TSchema> {
  const type = `${spec.service}.${spec.aggregate}.${spec.event}`;
  return {
    service: spec.service,
    type,
    version: spec.version,
    subject: `evt.${type}.v${spec.version}`,
    payload: spec.payload,
  };
}
