import type { ConsumerSnapshot, MessagingSnapshot } from './messaging-probe';
import { evaluateReadiness } from './readiness';

const rules = { maxOutboxAgeSeconds: 60 };

function consumer(overrides: Partial<ConsumerSnapshot> = {}): ConsumerSnapshot {
  return {
    name: 'catalogue-department-projection',
    stream: 'PERMISSIONS',
    consuming: true,
    stats: { applied: 0, duplicates: 0, retried: 0, deadLettered: 0, held: 0, lastAppliedAt: null },
    held: { ok: true, value: { held: 0, oldestAgeSeconds: 0 } },
    parkedDeadLetters: { ok: true, value: 0 },
    jetstream: { ok: true, value: { pending: 0, ackPending: 0 } },
    ...overrides,
  };
}

function snapshot(overrides: Partial<MessagingSnapshot> = {}): MessagingSnapshot {
  return {
    service: 'catalogue',
    takenAt: new Date(),
    started: true,
    database: { ok: true, value: true },
    nats: { ok: true, value: true },
    outbox: {
      stream: 'CATALOGUE',
      relayRunning: true,
      stats: { published: 0, duplicates: 0, failures: 0 },
      backlog: { ok: true, value: { pending: 0, oldestAgeSeconds: 0 } },
    },
    consumers: [consumer()],
    stream: { stream: 'CATALOGUE', drift: { ok: true, value: [] } },
    ...overrides,
  };
}

describe('readiness rules', () => {
  it('is ready when the database answers, NATS is connected, the outbox is fresh and every consumer consumes', () => {
    expect(evaluateReadiness(snapshot(), rules)).toEqual({
      status: 'ready',
      ready: true,
      reasons: [],
      warnings: [],
    });
  });

  it('is not ready when the database does not answer', () => {
    const report = evaluateReadiness(
      snapshot({ database: { ok: false, error: 'no answer within 700 ms' } }),
      rules,
    );
    expect(report.status).toBe('not_ready');
    expect(report.reasons).toEqual(['database does not answer: no answer within 700 ms']);
  });

  it('is not ready before messaging has started or after it stopped', () => {
    expect(evaluateReadiness(snapshot({ started: false }), rules).reasons).toEqual([
      'event messaging is not running (starting or stopping)',
    ]);
  });

  it('is not ready when NATS is disconnected', () => {
    expect(
      evaluateReadiness(snapshot({ nats: { ok: false, error: 'the events connection is closed' } }), rules)
        .reasons,
    ).toEqual(['NATS is not connected: the events connection is closed']);
  });

  it('is not ready when the oldest unsent event is older than the limit, not when it is younger', () => {
    const outbox = (oldestAgeSeconds: number) => ({
      ...snapshot().outbox!,
      backlog: { ok: true as const, value: { pending: 3, oldestAgeSeconds } },
    });
    expect(evaluateReadiness(snapshot({ outbox: outbox(30) }), rules).ready).toBe(true);
    expect(evaluateReadiness(snapshot({ outbox: outbox(75.4) }), rules).reasons).toEqual([
      'cannot publish: the oldest of 3 unsent event(s) has waited 75 s (limit 60 s)',
    ]);
  });

  it('is not ready when the relay or a consume loop is not running, or the consumer vanished', () => {
    const report = evaluateReadiness(
      snapshot({
        outbox: { ...snapshot().outbox!, relayRunning: false },
        consumers: [
          consumer({ consuming: false }),
          consumer({
            name: 'catalogue-task-approved',
            jetstream: { ok: false, error: 'consumer not found' },
          }),
        ],
      }),
      rules,
    );
    expect(report.reasons).toEqual([
      'cannot publish: the outbox relay is not running',
      'cannot consume: consumer catalogue-department-projection is not consuming (its loop ended)',
      'cannot consume: consumer catalogue-task-approved is missing from stream PERMISSIONS',
    ]);
  });

  it('is degraded, still ready, when the stream drifted or JetStream is slow to describe a consumer', () => {
    const report = evaluateReadiness(
      snapshot({
        consumers: [consumer({ jetstream: { ok: false, error: 'no answer within 700 ms' } })],
        stream: {
          stream: 'CATALOGUE',
          drift: {
            ok: true,
            value: [
              {
                stream: 'CATALOGUE',
                field: 'storage',
                wanted: 'file',
                actual: 'memory',
                reason: 'JetStream cannot change it in place',
              },
            ],
          },
        },
      }),
      rules,
    );
    expect(report).toEqual({
      status: 'degraded',
      ready: true,
      reasons: [],
      warnings: [
        'JetStream did not describe consumer catalogue-department-projection: no answer within 700 ms',
        'Stream CATALOGUE drifted: storage is memory, configured file (JetStream cannot change it in place)',
      ],
    });
  });

  it('is not ready when its own stream is missing', () => {
    expect(
      evaluateReadiness(
        snapshot({ stream: { stream: 'CATALOGUE', drift: { ok: false, error: 'stream not found' } } }),
        rules,
      ).reasons,
    ).toEqual(['cannot publish: stream CATALOGUE is missing']);
  });
});
