import { z } from 'zod';

/** Who caused something: a person, an API client, or the system itself (timers, relays). */
export const ActorSchema = z.object({
  kind: z.enum(['person', 'client', 'system']),
  id: z.string().min(1),
  /** Set when a campus client acts for a signed-in person (X-Acting-Person). */
  onBehalfOf: z.string().min(1).optional(),
});
export type Actor = z.infer<typeof ActorSchema>;

export const SYSTEM_ACTOR: Actor = { kind: 'system', id: 'system' };

/** Another aggregate (of the same kind) an event changed, with that aggregate's version afterwards. */
export const AggregateRefSchema = z.object({
  aggregateId: z.string().min(1),
  aggregateVersion: z.number().int().positive(),
});
export type AggregateRef = z.infer<typeof AggregateRefSchema>;

/**
 * The envelope every domain event travels in (DESIGN.md, messaging contract).
 * `aggregateVersion` counts 1, 2, 3 … per aggregate and decides which state is newer;
 * `occurredAt` is business time (it may lie in the past) and never does.
 */
export const EventEnvelopeSchema = z.object({
  id: z.uuid(),
  type: z.string().min(1),
  version: z.number().int().positive(),
  occurredAt: z.iso.datetime({ offset: true }),
  source: z.string().min(1),
  correlationId: z.string().min(1),
  causationId: z.string().min(1).nullable(),
  actor: ActorSchema,
  /** The aggregate the event is about (its subject names the aggregate's kind). */
  aggregateId: z.string().min(1),
  /** That aggregate's version after this event. */
  aggregateVersion: z.number().int().positive(),
  /** Further aggregates of the same kind the event changed (a merge changes every department in it). */
  otherAggregates: z.array(AggregateRefSchema).default([]),
  payload: z.unknown(),
});
export type EventEnvelope<TPayload = unknown> = Omit<z.infer<typeof EventEnvelopeSchema>, 'payload'> & {
  payload: TPayload;
};

/** Every aggregate an event changed, the event's own first, each with its version afterwards. */
export function aggregatesOf(
  envelope: Pick<EventEnvelope, 'aggregateId' | 'aggregateVersion' | 'otherAggregates'>,
): AggregateRef[] {
  return [
    { aggregateId: envelope.aggregateId, aggregateVersion: envelope.aggregateVersion },
    ...envelope.otherAggregates,
  ];
}

/** The version an event gave one of the aggregates it changed, or undefined when it did not change it. */
export function versionIn(
  envelope: Pick<EventEnvelope, 'aggregateId' | 'aggregateVersion' | 'otherAggregates'>,
  aggregateId: string,
): number | undefined {
  return aggregatesOf(envelope).find((ref) => ref.aggregateId === aggregateId)?.aggregateVersion;
}
