import type { z } from 'zod';
import type { EventDefinition, EventEnvelope, ProducingServiceName } from '@gongkai/contracts';
import type { SqlClient } from '../sql-client';

export interface EventHandler<TTx extends SqlClient = SqlClient> {
  definition: EventDefinition;
  /** Runs inside the transaction that also records the event in the inbox. */
  handle(payload: unknown, envelope: EventEnvelope, tx: TTx): Promise<void>;
}

/**
 * How a consumer treats order:
 * - `aggregate-version` (the default): one aggregate's events are applied in version order. An
 *   event whose predecessor has not been applied yet (it failed and is being retried or parked,
 *   or it has not arrived) is held in `held_event` and applied as soon as its turn comes; it is
 *   never applied out of turn and never lost. For effects that depend on order (reassignments,
 *   workflows).
 * - `independent`: events are applied as they come; the handler itself keeps the newest state by
 *   comparing versions (projections that upsert "the state after version n").
 */
export type ConsumerOrdering = 'aggregate-version' | 'independent';

/** A durable JetStream consumer: which stream and subjects it reads and what it does with them. */
export interface EventConsumer<TTx extends SqlClient = SqlClient> {
  /** Unique within the consuming service; becomes part of the durable name and the inbox key. */
  name: string;
  source: ProducingServiceName;
  /**
   * Subject filter without deployment prefix, e.g. `evt.permissions.department.>`. An ordered
   * consumer must receive every event of the aggregate kinds it reads (filter whole kinds).
   */
  filter: string;
  /** Defaults to `aggregate-version`. */
  ordering?: ConsumerOrdering;
  handlers: EventHandler<TTx>[];
}

/** Typed handler: the payload arrives validated against the definition's schema. */
export function on<TSchema extends z.ZodType, TTx extends SqlClient = SqlClient>(
  definition: EventDefinition<TSchema>,
  handle: (payload: z.infer<TSchema>, envelope: EventEnvelope<z.infer<TSchema>>, tx: TTx) => Promise<void>,
): EventHandler<TTx> {
  return {
    definition,
    handle: (payload, envelope, tx) =>
      handle(payload as z.infer<TSchema>, envelope as EventEnvelope<z.infer<TSchema>>, tx),
  };
}
