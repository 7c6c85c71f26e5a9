import { v7 as uuidv7 } from 'uuid';
import { z } from 'zod';
import { defineEvent } from './event-definition';
import { EventEnvelopeSchema } from './envelope';
import { ALL_EVENTS, findEventDefinition } from './event-registry';

describe('event definitions', () => {
  it('name subjects evt.<service>.<aggregate>.<event>.v<major>', () => {
    const definition = defineEvent({
      service: 'rounds',
      aggregate: 'task',
      event: 'approved',
      version: 2,
      payload: z.object({}),
    });
    expect(definition.type).toBe('rounds.task.approved');
    expect(definition.subject).toBe('evt.rounds.task.approved.v2');
  });

  it('registers every event once, under its own service', () => {
    const keys = ALL_EVENTS.map((definition) => `${definition.type}.v${definition.version}`);
    expect(new Set(keys).size).toBe(keys.length);
    for (const definition of ALL_EVENTS) {
      expect(definition.subject.startsWith(`evt.${definition.service}.`)).toBe(true);
      expect(findEventDefinition(definition.type, definition.version)).toBe(definition);
    }
    expect(findEventDefinition('permissions.department.created', 99)).toBeUndefined();
  });

  it('accepts a complete envelope and refuses one without an actor or with a bad id', () => {
    const envelope = {
      id: uuidv7(),
      type: 'permissions.department.created',
      version: 1,
      occurredAt: '2024-06-01T08:00:00+08:00',
      source: 'permissions',
      correlationId: 'c-1',
      causationId: null,
      actor: { kind: 'person', id: 'p-1' },
      payload: {},
    };
    expect(EventEnvelopeSchema.safeParse(envelope).success).toBe(true);
    expect(EventEnvelopeSchema.safeParse({ ...envelope, actor: undefined }).success).toBe(false);
    expect(EventEnvelopeSchema.safeParse({ ...envelope, id: 'evt-1' }).success).toBe(false);
  });
});
