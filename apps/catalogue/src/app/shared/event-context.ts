import type { Actor, EventEnvelope, RequestMeta } from '@gongkai/contracts';
import type { EventContext } from '@gongkai/messaging';

/** The events of a request: its actor and correlation id; business time `occurredAt` when given. */
export function requestContext(meta: RequestMeta, occurredAt?: Date): EventContext {
  return {
    source: 'catalogue',
    actor: meta.actor,
    correlationId: meta.correlationId,
    ...(occurredAt ? { occurredAt } : {}),
  };
}

/** The events an event causes: its correlation id, caused by it, done by `actor` (its own by default). */
export function eventContext(envelope: EventEnvelope, actor: Actor = envelope.actor): EventContext {
  return {
    source: 'catalogue',
    actor,
    correlationId: envelope.correlationId,
    causationId: envelope.id,
  };
}
