import { v7 as uuidv7 } from 'uuid';
import type { z } from 'zod';
import {
  DomainError,
  ErrorCode,
  type Actor,
  type EventDefinition,
  type EventEnvelope,
} from '@gongkai/contracts';

export interface EventContext {
  source: string;
  actor: Actor;
  correlationId: string;
  /** The id of the event or request that caused this one, if any. */
  causationId?: string | null;
  /** Business time; defaults to now. */
  occurredAt?: Date;
}

/** Builds an envelope and validates the payload against the event's schema before it is stored. */
export function createEnvelope<TSchema extends z.ZodType>(
  definition: EventDefinition<TSchema>,
  payload: z.input<TSchema>,
  context: EventContext,
): EventEnvelope<z.infer<TSchema>> {
  const parsed = definition.payload.safeParse(payload);
  if (!parsed.success) {
    throw new DomainError(ErrorCode.INTERNAL, `Refusing to emit an invalid ${definition.type} event`, {
      issues: parsed.error.issues,
    });
  }
  return {
    id: uuidv7(),
    type: definition.type,
    version: definition.version,
    occurredAt: (context.occurredAt ?? new Date()).toISOString(),
    source: context.source,
    correlationId: context.correlationId,
    causationId: context.causationId ?? null,
    actor: context.actor,
    payload: parsed.data,
  };
}
