import type { z } from 'zod';
import type { EventDefinition, EventEnvelope } from '@gongkai/contracts';
import type { SqlClient } from '../sql-client';
import { aggregateKey, aggregateKindOfDefinition } from '../ordering/aggregate-key';
import { AggregateVersionRepository } from '../ordering/aggregate-version.repository';
import { createEnvelope, validateEvent, type EventContext } from './create-envelope';
import { OutboxRepository } from './outbox.repository';

/** Transactions that recorded an event: the relay is worth waking once they commit. */
const emittingTransactions = new WeakSet<object>();

/** Whether `emitEvent` recorded an event in this transaction. */
export function emittedIn(tx: object): boolean {
  return emittingTransactions.has(tx);
}

/**
 * Records an event in the outbox inside the caller's transaction: if the transaction rolls back,
 * the event never existed (nor did the versions it took). The relay publishes it after commit.
 */
export async function emitEvent<TSchema extends z.ZodType>(
  tx: SqlClient,
  definition: EventDefinition<TSchema>,
  payload: z.input<TSchema>,
  context: EventContext,
): Promise<EventEnvelope<z.infer<TSchema>>> {
  const event = validateEvent(definition, payload);
  const kind = aggregateKindOfDefinition(definition);
  const ids = [event.aggregateId, ...event.otherAggregateIds];
  const versions = await AggregateVersionRepository.next(
    tx,
    ids.map((id) => aggregateKey(kind, id)),
  );
  const envelope = createEnvelope(definition, event, context, (id) => {
    const version = versions.get(aggregateKey(kind, id));
    if (version === undefined) throw new Error(`No version was handed out for ${kind} ${id}`);
    return version;
  });
  await OutboxRepository.append(tx, definition.subject, envelope);
  emittingTransactions.add(tx);
  return envelope;
}
