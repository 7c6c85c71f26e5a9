import { join } from 'node:path';
import { v7 as uuidv7 } from 'uuid';
import type { z } from 'zod';
import { DeliverPolicy } from '@nats-io/jetstream';
import {
  DepartmentMergedV1,
  DepartmentUpdatedV1,
  type Actor,
  type EventDefinition,
  type EventEnvelope,
} from '@gongkai/contracts';
import { applyMigrations, createPgAdapter, dropDatabase, ensureDatabase } from '@gongkai/persistence';
import {
  deleteStreamsOfRun,
  newRunId,
  sleep,
  testDatabaseUrl,
  TEST_NATS_URL,
  waitFor,
} from '@gongkai/testing';
import {
  EventPublisher,
  MessagingRuntime,
  OutboxRelay,
  OutboxRepository,
  connectJetStream,
  createEnvelope,
  emitEvent,
  ensureEventStream,
  on,
  streamName,
  validateEvent,
  type EventConsumer,
  type JetStreamConnection,
} from '../src';
import { PrismaClient } from './generated/prisma/client';

const schemaDir = join(__dirname, 'prisma', 'schema');
const migrationsDir = join(__dirname, 'prisma', 'migrations');
const actor: Actor = { kind: 'person', id: 'tester' };
const context = { source: 'permissions', actor, correlationId: 'ordering' };

type Tx = Parameters<Parameters<PrismaClient['$transaction']>[0]>[0];

function updated(departmentId: string, name: string) {
  return {
    departmentId,
    code: `D${departmentId.slice(-6)}`,
    name,
    type: 'office' as const,
    parentId: null,
    status: 'active' as const,
    previousName: '',
    previousParentId: null,
    reason: null,
    affectedDepartmentIds: [departmentId],
  };
}

function merged(sourceId: string, targetId: string) {
  const state = (departmentId: string, status: 'active' | 'dissolved') => ({
    departmentId,
    code: `D${departmentId.slice(-6)}`,
    name: `部门 ${departmentId.slice(-4)}`,
    type: 'office' as const,
    parentId: null,
    status,
    successorId: status === 'dissolved' ? targetId : null,
  });
  return {
    reorganisationId: uuidv7(),
    effectiveDate: '2024-07-01',
    reason: '机构改革',
    affectedDepartmentIds: [sourceId, targetId],
    departments: [state(sourceId, 'dissolved'), state(targetId, 'active')],
    movedPeople: [],
    movedBindings: [],
    endedBindings: [],
    sourceIds: [sourceId],
    targetId,
    targetCreated: false,
  };
}

/** What a producer's outbox would hold, with the versions a test chooses. */
function envelopeOf<TSchema extends z.ZodType>(
  definition: EventDefinition<TSchema>,
  payload: z.input<TSchema>,
  versions: Record<string, number>,
): EventEnvelope {
  return createEnvelope(definition, validateEvent(definition, payload), context, (id) => {
    const version = versions[id];
    if (version === undefined) throw new Error(`no version for ${id}`);
    return version;
  });
}

/**
 * 责任分工 after reorganisations, in miniature: which department each "item" belongs to. Merges
 * move the source's items to the target, so A→B then B→C must end with everything at C.
 */
function reassigningConsumer(name: string, owners: Map<string, string>, failures: Map<string, number>) {
  const consumer: EventConsumer<Tx> = {
    name,
    source: 'permissions',
    filter: 'evt.permissions.department.>',
    handlers: [
      on(DepartmentMergedV1, async (merge, envelope) => {
        const left = failures.get(envelope.id) ?? 0;
        if (left > 0) {
          failures.set(envelope.id, left - 1);
          throw new Error(`merge into ${merge.targetId} cannot be applied yet`);
        }
        for (const [item, owner] of owners)
          if (merge.sourceIds.includes(owner)) owners.set(item, merge.targetId);
      }),
    ],
  };
  return consumer;
}

describe('events in order: versions per aggregate, one publisher, consumers that wait their turn', () => {
  const runId = newRunId();
  const prefix = runId;
  const producerUrl = testDatabaseUrl(runId, 'producer');
  const consumerUrl = testDatabaseUrl(runId, 'consumer');
  let producerDb: PrismaClient;
  let replicaDb: PrismaClient;
  let consumerDb: PrismaClient;
  let nats: JetStreamConnection;
  let publisher: EventPublisher;
  let runtime: MessagingRuntime<Tx> | null = null;
  const stream = streamName(prefix, 'permissions');

  async function startConsumer(
    consumer: EventConsumer<Tx>,
    retry = { maxDeliver: 3, backoffMs: [300, 300] },
  ) {
    runtime = new MessagingRuntime<Tx>({
      service: 'catalogue',
      nats: { url: TEST_NATS_URL, prefix },
      db: consumerDb,
      relay: { pollMs: 50, batchSize: 100 },
      retry: { ...retry, ackWaitMs: 2000 },
      consumers: [consumer],
    });
    await runtime.start();
    // A new durable consumer reads the stream from the start: let it pass the earlier tests' events first.
    const runner = runtime.consumerRunners[0]!;
    await waitFor(
      async () => {
        const info = await nats.jsm.consumers.info(stream, runner.durableName);
        return info.num_pending === 0 && info.num_ack_pending === 0;
      },
      { what: 'the consumer to catch up with the stream' },
    );
    baseline = { ...runner.stats };
    return runtime;
  }
  let baseline = { held: 0, retried: 0, duplicates: 0 };

  const publish = (envelope: EventEnvelope) =>
    publisher.publish(`evt.${envelope.type}.v${envelope.version}`, envelope);

  beforeAll(async () => {
    for (const url of [producerUrl, consumerUrl]) {
      await ensureDatabase(url);
      await applyMigrations({ databaseUrl: url, schemaDir, migrationsDir });
    }
    producerDb = new PrismaClient({ adapter: createPgAdapter(producerUrl) });
    replicaDb = new PrismaClient({ adapter: createPgAdapter(producerUrl) });
    consumerDb = new PrismaClient({ adapter: createPgAdapter(consumerUrl) });
    nats = await connectJetStream({ url: TEST_NATS_URL, name: `${runId}-ordering` });
    await ensureEventStream(nats.jsm, { prefix, service: 'permissions' });
    publisher = new EventPublisher(nats.js, prefix);
  });

  afterEach(async () => {
    await runtime?.stop();
    runtime = null;
  });

  afterAll(async () => {
    await nats?.close();
    await producerDb?.$disconnect();
    await replicaDb?.$disconnect();
    await consumerDb?.$disconnect();
    await deleteStreamsOfRun(prefix);
    await dropDatabase(producerUrl);
    await dropDatabase(consumerUrl);
  });

  it('gives concurrent commands on one aggregate consecutive versions, and a merge a version for each department', async () => {
    const department = uuidv7();
    const envelopes = await Promise.all(
      Array.from({ length: 12 }, (_, index) =>
        (index % 2 === 0 ? producerDb : replicaDb).$transaction((tx) =>
          emitEvent(tx, DepartmentUpdatedV1, updated(department, `名称 ${index}`), context),
        ),
      ),
    );
    expect(envelopes.map((envelope) => envelope.aggregateVersion).sort((a, b) => a - b)).toEqual(
      Array.from({ length: 12 }, (_, index) => index + 1),
    );

    const other = uuidv7();
    const merge = await producerDb.$transaction((tx) =>
      emitEvent(tx, DepartmentMergedV1, merged(other, department), context),
    );
    expect(merge).toMatchObject({
      aggregateId: department,
      aggregateVersion: 13,
      otherAggregates: [{ aggregateId: other, aggregateVersion: 1 }],
    });
  });

  it('keeps each aggregate in version order in the stream while two replicas relay under concurrent commands', async () => {
    // Leave nothing of the previous test behind, so the stream read below holds only this test's events.
    await new OutboxRelay(producerDb, publisher, { pollMs: 50, batchSize: 500 }).relayOnce();
    const startSeq = (await nats.jsm.streams.info(stream)).state.last_seq + 1;
    const departments = Array.from({ length: 4 }, () => uuidv7());
    const relays = [producerDb, replicaDb].map(
      (db) => new OutboxRelay(db, new EventPublisher(nats.js, prefix), { pollMs: 5, batchSize: 7 }),
    );
    relays.forEach((relay) => relay.start());
    const perDepartment = 30;
    await Promise.all(
      departments.map(async (department, lane) => {
        for (let index = 0; index < perDepartment; index += 1) {
          const db = (index + lane) % 2 === 0 ? producerDb : replicaDb;
          await db.$transaction((tx) =>
            emitEvent(tx, DepartmentUpdatedV1, updated(department, `第 ${index} 次`), context),
          );
          relays[index % 2]?.kick();
        }
      }),
    );
    await waitFor(async () => (await OutboxRepository.countPending(producerDb)) === 0, {
      what: 'both relays to drain the outbox',
    });
    await Promise.all(relays.map((relay) => relay.stop()));
    expect(relays[0]!.stats.published + relays[1]!.stats.published).toBeGreaterThanOrEqual(
      departments.length * perDepartment,
    );

    const reader = await nats.js.consumers.get(stream, {
      deliver_policy: DeliverPolicy.StartSequence,
      opt_start_seq: startSeq,
    });
    const seen = new Map<string, number[]>();
    for (let read = 0; read < departments.length * perDepartment; read += 1) {
      const message = await reader.next({ expires: 5000 });
      if (!message) throw new Error(`the stream ended after ${read} events`);
      const envelope = JSON.parse(message.string()) as EventEnvelope;
      seen.set(envelope.aggregateId, [...(seen.get(envelope.aggregateId) ?? []), envelope.aggregateVersion]);
    }
    for (const department of departments) {
      expect(seen.get(department)).toEqual(Array.from({ length: perDepartment }, (_, index) => index + 1));
    }
  });

  it('holds an event that arrives before its predecessor and applies both in version order', async () => {
    const [a, b, c] = [uuidv7(), uuidv7(), uuidv7()];
    const owners = new Map([
      ['item-a', a],
      ['item-b', b],
    ]);
    const runtime = await startConsumer(reassigningConsumer('early', owners, new Map()));
    const first = envelopeOf(DepartmentMergedV1, merged(a, b), { [a]: 1, [b]: 1 });
    const second = envelopeOf(DepartmentMergedV1, merged(b, c), { [b]: 2, [c]: 1 });
    await publish(second);
    const runner = runtime.consumerRunners[0]!;
    await waitFor(() => runner.stats.held === baseline.held + 1, { what: 'the early event to be held' });
    expect([...owners.values()]).toEqual([a, b]);

    await publish(first);
    await waitFor(() => [...owners.values()].every((owner) => owner === c), {
      what: 'both merges applied in order',
    });
    expect(await consumerDb.heldEvent.count()).toBe(0);
  });

  it('lets a merge A→B that fails once hold back B→C until it succeeds', async () => {
    const [a, b, c] = [uuidv7(), uuidv7(), uuidv7()];
    const owners = new Map([
      ['item-a', a],
      ['item-b', b],
    ]);
    const first = envelopeOf(DepartmentMergedV1, merged(a, b), { [a]: 1, [b]: 1 });
    const second = envelopeOf(DepartmentMergedV1, merged(b, c), { [b]: 2, [c]: 1 });
    const runtime = await startConsumer(reassigningConsumer('fails-once', owners, new Map([[first.id, 1]])));
    await publish(first);
    await publish(second);
    const runner = runtime.consumerRunners[0]!;
    await waitFor(
      () => runner.stats.retried === baseline.retried + 1 && runner.stats.held === baseline.held + 1,
      {
        what: 'A→B retried and B→C held behind it',
      },
    );
    await waitFor(() => [...owners.values()].every((owner) => owner === c), {
      what: 'A→B then B→C',
    });
    expect(runner.stats.deadLettered).toBe(0);
  });

  it('keeps later events of an aggregate held behind a dead letter until it is replayed, then applies them in turn', async () => {
    const [a, b, c] = [uuidv7(), uuidv7(), uuidv7()];
    const owners = new Map([
      ['item-a', a],
      ['item-b', b],
    ]);
    const first = envelopeOf(DepartmentMergedV1, merged(a, b), { [a]: 1, [b]: 1 });
    const second = envelopeOf(DepartmentMergedV1, merged(b, c), { [b]: 2, [c]: 1 });
    const failures = new Map([[first.id, 3]]);
    const runtime = await startConsumer(reassigningConsumer('parked', owners, failures), {
      maxDeliver: 3,
      backoffMs: [50, 50],
    });
    await publish(first);
    await publish(second);
    const parked = await waitFor(
      async () =>
        (await runtime.deadLetters.list({ limit: 10 })).items.find((item) => item.eventId === first.id),
      { what: 'A→B parked' },
    );
    await sleep(300);
    expect([...owners.values()]).toEqual([a, b]);
    expect(await consumerDb.heldEvent.count({ where: { eventId: second.id } })).toBe(1);

    await runtime.deadLetters.replay(parked.id);
    expect([...owners.values()]).toEqual([c, c]);
    expect(await consumerDb.heldEvent.count()).toBe(0);
  });

  it('treats an older version that arrives after a newer one was applied as already applied', async () => {
    const [a, b, c] = [uuidv7(), uuidv7(), uuidv7()];
    const owners = new Map([['item-a', a]]);
    const runtime = await startConsumer(reassigningConsumer('stale', owners, new Map()));
    await publish(envelopeOf(DepartmentMergedV1, merged(a, b), { [a]: 1, [b]: 1 }));
    await publish(envelopeOf(DepartmentMergedV1, merged(b, c), { [b]: 2, [c]: 1 }));
    // Committed, not just run: the handler's in-memory effect comes before its transaction commits.
    await waitFor(
      async () =>
        (await consumerDb.consumerPosition.count({ where: { aggregate: `permissions.department:${c}` } })) ===
        1,
      { what: 'both merges committed' },
    );
    expect(owners.get('item-a')).toBe(c);
    // Another event claiming b's version 2 (a redelivery whose inbox row has been swept) changes nothing.
    await publish(envelopeOf(DepartmentMergedV1, merged(b, a), { [b]: 2, [a]: 1 }));
    const runner = runtime.consumerRunners[0]!;
    // Caught up (everything acked), not a count of duplicates: on a loaded machine an ack can
    // time out and a redelivery of the earlier merges counts as a duplicate too.
    await waitFor(
      async () => {
        const info = await nats.jsm.consumers.info(stream, runner.durableName);
        return info.num_pending === 0 && info.num_ack_pending === 0;
      },
      { what: 'the stale event to be acknowledged' },
    );
    expect(runner.stats.duplicates).toBeGreaterThanOrEqual(baseline.duplicates + 1);
    expect(owners.get('item-a')).toBe(c);
  });
});
