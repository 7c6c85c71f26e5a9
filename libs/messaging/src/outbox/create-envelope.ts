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
  /** Business time; defaults to now. It never decides which state is newer: versions do. */
  occurredAt?: Date;
}

/** The version the event gives each aggregate it changes, by aggregate id. */
export type AggregateVersions = (aggregateId: string) => number;

/** A payload validated against its event's schema, with the aggregates it changes. */
export interface ValidatedEvent<TSchema extends z.ZodType> {
  payload: z.infer<TSchema>;
  aggregateId: string;
  otherAggregateIds: string[];
}

/** Validates a payload before anything is stored: an invalid event is a bug in the producer. */
export function validateEvent<TSchema extends z.ZodType>(
  definition: EventDefinition<TSchema>,
  payload: z.input<TSchema>,
): ValidatedEvent<TSchema> {
  const parsed = definition.payload.safeParse(payload);
  if (!parsed.success) {
    throw new DomainError(ErrorCode.INTERNAL, `Refusing to emit an invalid ${definition.type} event`, {
      issues: parsed.error.issues,
    });
  }
  return {
    payload: parsed.data,
    aggregateId: definition.aggregateIdOf(parsed.data),
    otherAggregateIds: definition.otherAggregateIdsOf(parsed.data),
  };
}

/** Builds an envelope from a validated payload and the versions handed out for its aggregates. */
export function createEnvelope<TSchema extends z.ZodType>(
  definition: EventDefinition<TSchema>,
  event: ValidatedEvent<TSchema>,
  context: EventContext,
  versionOf: AggregateVersions,
): EventEnvelope<z.infer<TSchema>> {
  return {
    id: uuidv7(),
    type: definition.type,
    version: definition.version,
    occurredAt: (context.occurredAt ?? new Date()).toISOString(),
    source: context.source,
    correlationId: context.correlationId,
    causationId: context.causationId ?? null,
    actor: context.actor,
    aggregateId: event.aggregateId,
    aggregateVersion: versionOf(event.aggregateId),
    otherAggregates: event.otherAggregateIds.map((aggregateId) => ({
      aggregateId,
      aggregateVersion: versionOf(aggregateId),
    })),
    payload: event.payload,
  };
}
