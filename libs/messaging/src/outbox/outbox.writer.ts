import type { z } from 'zod';
import type { EventDefinition, EventEnvelope } from '@gongkai/contracts';
import type { SqlClient } from '../sql-client';
import { createEnvelope, type EventContext } from './create-envelope';
import { OutboxRepository } from './outbox.repository';

/**
 * Records an event in the outbox inside the caller's transaction: if the transaction rolls back,
 * the event never existed. The relay publishes it after commit.
 */
export async function emitEvent<TSchema extends z.ZodType>(
  tx: SqlClient,
  definition: EventDefinition<TSchema>,
  payload: z.input<TSchema>,
  context: EventContext,
): Promise<EventEnvelope<z.infer<TSchema>>> {
  const envelope = createEnvelope(definition, payload, context);
  await OutboxRepository.append(tx, definition.subject, envelope);
  return envelope;
}
