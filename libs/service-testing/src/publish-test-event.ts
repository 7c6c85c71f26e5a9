import type { z } from 'zod';
import { jetstream } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import type { EventDefinition, EventEnvelope } from '@gongkai/contracts';
import { EventPublisher, createEnvelope } from '@gongkai/messaging';

/**
 * Publishes an event the way its producer's outbox relay would, for testing a consumer on its
 * own. Pass the same envelope again to simulate a redelivery that slipped past de-duplication.
 */
export async function publishTestEvent<TSchema extends z.ZodType>(
  nc: NatsConnection,
  prefix: string,
  definition: EventDefinition<TSchema>,
  payloadOrEnvelope: z.input<TSchema> | EventEnvelope<z.infer<TSchema>>,
  options: { bypassDeduplication?: boolean } = {},
): Promise<EventEnvelope<z.infer<TSchema>>> {
  const envelope = isEnvelope(payloadOrEnvelope)
    ? payloadOrEnvelope
    : createEnvelope(definition, payloadOrEnvelope as z.input<TSchema>, {
        source: definition.service,
        actor: { kind: 'system', id: 'test' },
        correlationId: 'test',
      });
  const publisher = new EventPublisher(jetstream(nc), prefix);
  // A fresh Nats-Msg-Id gets the same event past JetStream de-duplication, leaving only the inbox to stop it.
  const msgId = options.bypassDeduplication ? `${envelope.id}-again-${Date.now()}` : undefined;
  await publisher.publish(definition.subject, envelope, msgId);
  return envelope;
}

function isEnvelope(value: unknown): value is EventEnvelope {
  return (
    typeof value === 'object' && value !== null && 'payload' in value && 'type' in value && 'id' in value
  );
}
