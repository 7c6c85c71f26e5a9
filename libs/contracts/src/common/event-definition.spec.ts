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
      payload: z.object({ taskId: z.string() }),
      aggregateId: (payload) => payload.taskId,
    });
    expect(definition.type).toBe('rounds.task.approved');
    expect(definition.aggregateIdOf({ taskId: 't-1' })).toBe('t-1');
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
      aggregateId: uuidv7(),
      aggregateVersion: 3,
      payload: {},
    };
    expect(EventEnvelopeSchema.safeParse(envelope).success).toBe(true);
    expect(EventEnvelopeSchema.safeParse({ ...envelope, actor: undefined }).success).toBe(false);
    expect(EventEnvelopeSchema.safeParse({ ...envelope, id: 'evt-1' }).success).toBe(false);
    expect(EventEnvelopeSchema.safeParse({ ...envelope, aggregateVersion: 0 }).success).toBe(false);
    expect(EventEnvelopeSchema.safeParse({ ...envelope, aggregateId: undefined }).success).toBe(false);
  });

  it('names every aggregate a merge changes, each once, the target first', () => {
    const [a, b, c] = [uuidv7(), uuidv7(), uuidv7()];
    const merge = ALL_EVENTS.find((definition) => definition.type === 'permissions.department.merged');
    const payload = {
      sourceIds: [a, b],
      targetId: c,
      departments: [{ departmentId: a }, { departmentId: c }],
    };
    expect(merge?.aggregateIdOf(payload)).toBe(c);
    expect(merge?.otherAggregateIdsOf(payload)).toEqual([a, b]);
  });
});
