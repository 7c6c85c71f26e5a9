import type { z } from 'zod';
import type { EventDefinition, EventEnvelope, ProducingServiceName } from '@gongkai/contracts';
import type { SqlClient } from '../sql-client';

export interface EventHandler<TTx extends SqlClient = SqlClient> {
  definition: EventDefinition;
  /** Runs inside the transaction that also records the event in the inbox. */
  handle(payload: unknown, envelope: EventEnvelope, tx: TTx): Promise<void>;
}

/** A durable JetStream consumer: which stream and subjects it reads and what it does with them. */
export interface EventConsumer<TTx extends SqlClient = SqlClient> {
  /** Unique within the consuming service; becomes part of the durable name and the inbox key. */
  name: string;
  source: ProducingServiceName;
  /** Subject filter without deployment prefix, e.g. `evt.permissions.department.>`. */
  filter: string;
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
