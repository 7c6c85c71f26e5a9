import { createEnvelope, validateEvent } from '@gongkai/messaging';
import { defineEvent } from '@gongkai/contracts';
import { z } from 'zod';
import { invalidationOf } from './permission-event.invalidation';

const PERSON = '0190b3a4-7c1e-7c3a-8f00-00000000a11c';
const CLIENT = '0190b3a4-7c1e-7c3a-8f00-00000000c11e';
const DEPT = '0190b3a4-7c1e-7c3a-8f00-00000000000a';

/** An envelope as the permissions outbox relay publishes it. */
function event(aggregate: string, name: string, payload: Record<string, unknown>): string {
  const definition = defineEvent({
    service: 'permissions',
    aggregate,
    event: name,
    version: 1,
    payload: z.record(z.string(), z.unknown()),
    aggregateId: () => DEPT,
  });
  return JSON.stringify(
    createEnvelope(
      definition,
      validateEvent(definition, payload),
      { source: 'permissions', actor: { kind: 'system', id: 'test' }, correlationId: 'test' },
      () => 1,
    ),
  );
}

describe('invalidationOf (what a permissions event makes stale)', () => {
  it('a binding event: its subject', () => {
    expect(
      invalidationOf(
        event('binding', 'ended', {
          bindingId: DEPT,
          subjectType: 'person',
          subjectId: PERSON,
          role: 'dept_liaison',
        }),
      ),
    ).toEqual({ scope: 'subjects', subjects: [{ type: 'person', id: PERSON }] });
  });

  it('a client event: the client (by subjectId and clientId, once)', () => {
    expect(
      invalidationOf(
        event('client', 'rotated', { clientId: CLIENT, subjectType: 'client', subjectId: CLIENT }),
      ),
    ).toEqual({ scope: 'subjects', subjects: [{ type: 'client', id: CLIENT }] });
  });

  it('subjects named one level down or in a list of bindings', () => {
    const invalidation = invalidationOf(
      event('person', 'identity-changed', {
        personId: PERSON,
        endedBindings: [{ bindingId: DEPT, subjectType: 'client', subjectId: CLIENT }],
      }),
    );
    expect(invalidation).toEqual({
      scope: 'subjects',
      subjects: expect.arrayContaining([
        { type: 'person', id: PERSON },
        { type: 'client', id: CLIENT },
      ]),
    });
  });

  it.each([['updated'], ['renamed'], ['merged'], ['split'], ['dissolved'], ['moved-somewhere-new']])(
    'department.%s (a reorganisation): everything',
    (name) => {
      expect(
        invalidationOf(event('department', name, { departmentId: DEPT, affectedDepartmentIds: [DEPT] })),
      ).toMatchObject({ scope: 'all' });
    },
  );

  it('department.created changes nothing', () => {
    expect(invalidationOf(event('department', 'created', { departmentId: DEPT }))).toEqual({ scope: 'none' });
  });

  it('an event naming nobody, an unknown shape, or garbage: everything', () => {
    expect(invalidationOf(event('policy', 'changed', { approvers: 'admin' }))).toMatchObject({
      scope: 'all',
    });
    expect(invalidationOf(JSON.stringify({ type: 'permissions.binding.ended', payload: {} }))).toMatchObject({
      scope: 'all',
    });
    expect(invalidationOf('{not json')).toMatchObject({ scope: 'all' });
    expect(
      invalidationOf(event('binding', 'ended', { subjectType: 'robot', subjectId: PERSON })),
    ).toMatchObject({ scope: 'all' });
  });
});
