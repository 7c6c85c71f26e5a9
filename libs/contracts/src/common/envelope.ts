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

/** The envelope every domain event travels in (DESIGN.md, messaging contract). */
export const EventEnvelopeSchema = z.object({
  id: z.uuid(),
  type: z.string().min(1),
  version: z.number().int().positive(),
  occurredAt: z.iso.datetime({ offset: true }),
  source: z.string().min(1),
  correlationId: z.string().min(1),
  causationId: z.string().min(1).nullable(),
  actor: ActorSchema,
  payload: z.unknown(),
});
export type EventEnvelope<TPayload = unknown> = Omit<z.infer<typeof EventEnvelopeSchema>, 'payload'> & {
  payload: TPayload;
};
