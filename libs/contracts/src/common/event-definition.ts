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
  /** The aggregate's kind, e.g. `department`: versions are counted per `<service>.<aggregate>` and id. */
  readonly aggregate: string;
  /** Which aggregate an event is about, read from its payload. */
  // Method syntax on purpose: a definition of a specific payload must still fit EventDefinition<z.ZodType>.
  aggregateIdOf(payload: z.infer<TSchema>): string;
  /** Further aggregates of the same kind the event changes (each gets its own next version). */
  otherAggregateIdsOf(payload: z.infer<TSchema>): string[];
}

export type EventPayload<TDefinition> = TDefinition extends EventDefinition<infer S> ? z.infer<S> : never;

export function defineEvent<TSchema extends z.ZodType>(spec: {
  service: ProducingServiceName;
  aggregate: string;
  event: string;
  version: number;
  payload: TSchema;
  aggregateId: (payload: z.infer<TSchema>) => string;
  otherAggregateIds?: (payload: z.infer<TSchema>) => string[];
}): EventDefinition<TSchema> {
  const type = `${spec.service}.${spec.aggregate}.${spec.event}`;
  return {
    service: spec.service,
    type,
    version: spec.version,
    subject: `evt.${type}.v${spec.version}`,
    payload: spec.payload,
    aggregate: spec.aggregate,
    aggregateIdOf: spec.aggregateId,
    otherAggregateIdsOf: (payload) => {
      const primary = spec.aggregateId(payload);
      return [...new Set(spec.otherAggregateIds?.(payload) ?? [])].filter((id) => id !== primary);
    },
  };
}
