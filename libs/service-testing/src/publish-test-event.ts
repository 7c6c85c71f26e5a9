import type { z } from 'zod';
import { jetstream } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import type { EventDefinition, EventEnvelope } from '@gongkai/contracts';
import { EventPublisher, createEnvelope, validateEvent } from '@gongkai/messaging';

export interface TestEventOptions {
  /**
   * The version the event gives its aggregates: one number for all of them, or one per
   * aggregate id. Required, so a test says where in an aggregate's history its event sits.
   */
  versions: number | Readonly<Record<string, number>>;
  /** Business time; tests of same-day or back-dated changes set it in the past. */
  occurredAt?: Date;
}

/** Builds the envelope a producer would have written to its outbox. */
export function buildTestEnvelope<TSchema extends z.ZodType>(
  definition: EventDefinition<TSchema>,
  payload: z.input<TSchema>,
  options: TestEventOptions,
): EventEnvelope<z.infer<TSchema>> {
  const { versions } = options;
  return createEnvelope(
    definition,
    validateEvent(definition, payload),
    {
      source: definition.service,
      actor: { kind: 'system', id: 'test' },
      correlationId: 'test',
      occurredAt: options.occurredAt,
    },
    (aggregateId) => {
      const version = typeof versions === 'number' ? versions : versions[aggregateId];
      if (version === undefined) throw new Error(`The test gave no version for aggregate ${aggregateId}`);
      return version;
    },
  );
}

/**
 * Publishes an event the way its producer's outbox relay would, for testing a consumer on its
 * own. Pass the same envelope again to simulate a redelivery that slipped past de-duplication.
 */
export async function publishTestEvent<TSchema extends z.ZodType>(
  nc: NatsConnection,
  prefix: string,
  definition: EventDefinition<TSchema>,
  payloadOrEnvelope: z.input<TSchema> | EventEnvelope<z.infer<TSchema>>,
  options: Partial<TestEventOptions> & { bypassDeduplication?: boolean } = {},
): Promise<EventEnvelope<z.infer<TSchema>>> {
  let envelope: EventEnvelope<z.infer<TSchema>>;
  if (isEnvelope(payloadOrEnvelope)) {
    envelope = payloadOrEnvelope;
  } else {
    if (options.versions === undefined) throw new Error('Say which aggregate version the test event has');
    envelope = buildTestEnvelope(definition, payloadOrEnvelope as z.input<TSchema>, {
      versions: options.versions,
      occurredAt: options.occurredAt,
    });
  }
  const publisher = new EventPublisher(jetstream(nc), prefix);
  // A fresh Nats-Msg-Id gets the same event past JetStream de-duplication, leaving only the inbox to stop it.
  const msgId = options.bypassDeduplication ? `${envelope.id}-again-${Date.now()}` : undefined;
  await publisher.publish(definition.subject, envelope, msgId);
  return envelope;
}

function isEnvelope(value: unknown): value is EventEnvelope {
  return (
    typeof value === 'object' &&
    value !== null &&
    'payload' in value &&
    'type' in value &&
    'id' in value &&
    'aggregateVersion' in value
  );
}
