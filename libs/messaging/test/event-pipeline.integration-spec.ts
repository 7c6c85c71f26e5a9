import { join } from 'node:path';
import { v7 as uuidv7 } from 'uuid';
import { AckPolicy, DeliverPolicy } from '@nats-io/jetstream';
import { nanos } from '@nats-io/transport-node';
import { CategoryCreatedV1, DepartmentCreatedV1, ErrorCode, type Actor } from '@gongkai/contracts';
import { applyMigrations, createPgAdapter, dropDatabase, ensureDatabase } from '@gongkai/persistence';
import {
  deleteStreamsOfRun,
  newRunId,
  testDatabaseUrl,
  TEST_NATS_URL,
  waitFor,
  sleep,
} from '@gongkai/testing';
import {
  EventPublisher,
  InboxProcessor,
  MessagingRuntime,
  OutboxRelay,
  OutboxRepository,
  connectJetStream,
  emitEvent,
  ensureEventStream,
  on,
  prefixSubject,
  streamName,
  type EventConsumer,
  type JetStreamConnection,
} from '../src';
import { PrismaClient } from './generated/prisma/client';

const schemaDir = join(__dirname, 'prisma', 'schema');
const migrationsDir = join(__dirname, 'prisma', 'migrations');
const actor: Actor = { kind: 'person', id: 'tester' };

type Tx = Parameters<Parameters<PrismaClient['$transaction']>[0]>[0];

/** Consumer-side projection used by the tests: counts how often each department event was applied. */
function countingConsumer(name: string, state: { failFor: Set<string> }): EventConsumer<Tx> {
  return {
    name,
    source: 'permissions',
    filter: 'evt.permissions.department.>',
    handlers: [
      on(DepartmentCreatedV1, async (payload, _envelope, tx: Tx) => {
        if (state.failFor.has(payload.code)) throw new Error(`cannot apply department ${payload.code} yet`);
        await tx.appliedCount.upsert({
          where: { key: `${name}:${payload.departmentId}` },
          create: { key: `${name}:${payload.departmentId}`, count: 1 },
          update: { count: { increment: 1 } },
        });
      }),
    ],
  };
}

function departmentPayload(code: string) {
  return {
    departmentId: uuidv7(),
    code,
    name: `Department ${code}`,
    type: 'college' as const,
    parentId: null,
    status: 'active' as const,
  };
}

describe('event pipeline: outbox → JetStream → inbox', () => {
  const runId = newRunId();
  const prefix = runId;
  const producerUrl = testDatabaseUrl(runId, 'producer');
  const consumerUrl = testDatabaseUrl(runId, 'consumer');
  let producerDb: PrismaClient;
  let consumerDb: PrismaClient;
  let nats: JetStreamConnection;
  let relay: OutboxRelay;
  let consumerRuntime: MessagingRuntime<Tx> | null = null;
  const failures = { failFor: new Set<string>() };
  const stream = streamName(prefix, 'permissions');

  async function streamMessageCount(): Promise<number> {
    return (await nats.jsm.streams.info(stream)).state.messages;
  }

  async function appliedCount(consumer: string, departmentId: string): Promise<number> {
    const row = await consumerDb.appliedCount.findUnique({ where: { key: `${consumer}:${departmentId}` } });
    return row?.count ?? 0;
  }

  async function startConsumers(
    consumers: EventConsumer<Tx>[],
    retry = { maxDeliver: 3, backoffMs: [50, 100] },
    relayPollMs = 50,
  ) {
    consumerRuntime = new MessagingRuntime<Tx>({
      service: 'catalogue',
      nats: { url: TEST_NATS_URL, prefix },
      db: consumerDb,
      relay: { pollMs: relayPollMs, batchSize: 100 },
      retry: { ...retry, ackWaitMs: 1000 },
      consumers,
    });
    await consumerRuntime.start();
    return consumerRuntime;
  }

  beforeAll(async () => {
    for (const url of [producerUrl, consumerUrl]) {
      await ensureDatabase(url);
      await applyMigrations({ databaseUrl: url, schemaDir, migrationsDir });
    }
    producerDb = new PrismaClient({ adapter: createPgAdapter(producerUrl) });
    consumerDb = new PrismaClient({ adapter: createPgAdapter(consumerUrl) });
    nats = await connectJetStream({ url: TEST_NATS_URL, name: `${runId}-test` });
    await ensureEventStream(nats.jsm, { prefix, service: 'permissions' });
    // Driven by hand (relayOnce) so each test controls exactly when publishing happens.
    relay = new OutboxRelay(producerDb, new EventPublisher(nats.js, prefix), { pollMs: 50, batchSize: 100 });
  });

  afterEach(async () => {
    await consumerRuntime?.stop();
    consumerRuntime = null;
    failures.failFor.clear();
  });

  afterAll(async () => {
    await nats?.close();
    await producerDb?.$disconnect();
    await consumerDb?.$disconnect();
    await deleteStreamsOfRun(prefix);
    await dropDatabase(producerUrl);
    await dropDatabase(consumerUrl);
  });

  it('never publishes an event written in a transaction that rolls back', async () => {
    const before = await streamMessageCount();
    const widgetId = uuidv7();
    await expect(
      producerDb.$transaction(async (tx) => {
        await tx.widget.create({ data: { id: widgetId, name: 'rolled back' } });
        await emitEvent(tx, DepartmentCreatedV1, departmentPayload('ROLLBACK'), {
          source: 'permissions',
          actor,
          correlationId: runId,
        });
        throw new Error('the command failed after writing its event');
      }),
    ).rejects.toThrow('the command failed');

    expect(await relay.relayOnce()).toBe(0);
    expect(await OutboxRepository.countPending(producerDb)).toBe(0);
    expect(await producerDb.widget.count({ where: { id: widgetId } })).toBe(0);
    expect(await streamMessageCount()).toBe(before);
  });

  it('wakes its relay when a consumer emits events, instead of leaving them to the next poll', async () => {
    const emitting: EventConsumer<Tx> = {
      name: 'emitting',
      source: 'permissions',
      filter: 'evt.permissions.department.>',
      handlers: [
        on(DepartmentCreatedV1, async (payload, envelope, tx: Tx) => {
          await emitEvent(
            tx,
            CategoryCreatedV1,
            {
              code: `C-${payload.code}`,
              name: payload.name,
              nameVariants: [],
              origin: 'university',
              sortOrder: 1,
            },
            { source: 'catalogue', actor, correlationId: envelope.correlationId, causationId: envelope.id },
          );
        }),
      ],
    };
    // A poll of ten minutes: the emitted event can only go out now if the commit wakes the relay.
    await startConsumers([emitting], undefined, 600_000);
    const catalogueStream = streamName(prefix, 'catalogue');
    const published = async () => (await nats.jsm.streams.info(catalogueStream)).state.messages;
    const before = await published();

    await producerDb.$transaction((tx) =>
      emitEvent(tx, DepartmentCreatedV1, departmentPayload('WAKES'), {
        source: 'permissions',
        actor,
        correlationId: runId,
      }),
    );
    await relay.relayOnce();
    await waitFor(async () => (await published()) === before + 1, {
      timeoutMs: 30_000,
      what: "the consumer's event in the catalogue stream",
    });
    expect(await OutboxRepository.countPending(consumerDb)).toBe(0);
  });

  it('re-publishes after a relay dies between publish and mark-sent; JetStream drops the copy and the consumer applies it once', async () => {
    await startConsumers([countingConsumer('relay-crash', failures)]);
    const payload = departmentPayload('RELAYCRASH');
    const envelope = await producerDb.$transaction((tx) =>
      emitEvent(tx, DepartmentCreatedV1, payload, { source: 'permissions', actor, correlationId: runId }),
    );
    const before = await streamMessageCount();

    // What a relay that died right after the publish ack leaves behind: published, not marked.
    const firstPublish = await new EventPublisher(nats.js, prefix).publish(
      DepartmentCreatedV1.subject,
      envelope,
    );
    expect(firstPublish.duplicate).toBe(false);
    expect(await OutboxRepository.countPending(producerDb)).toBe(1);

    const duplicatesBefore = relay.stats.duplicates;
    expect(await relay.relayOnce()).toBe(1);
    expect(relay.stats.duplicates).toBe(duplicatesBefore + 1);
    expect(await OutboxRepository.countPending(producerDb)).toBe(0);
    expect(await streamMessageCount()).toBe(before + 1);

    await waitFor(() => appliedCount('relay-crash', payload.departmentId), { what: 'the event applied' });
    await sleep(300);
    expect(await appliedCount('relay-crash', payload.departmentId)).toBe(1);
  });

  it('treats a redelivery after a consumer died between its commit and its ack as a no-op', async () => {
    const consumer = countingConsumer('ack-crash', failures);
    const durable = 'catalogue-ack-crash';
    await nats.jsm.consumers.add(stream, {
      durable_name: durable,
      ack_policy: AckPolicy.Explicit,
      deliver_policy: DeliverPolicy.New,
      filter_subject: prefixSubject(prefix, consumer.filter),
      ack_wait: nanos(1000),
      max_deliver: -1,
    });
    const payload = departmentPayload('ACKCRASH');
    await producerDb.$transaction((tx) =>
      emitEvent(tx, DepartmentCreatedV1, payload, { source: 'permissions', actor, correlationId: runId }),
    );
    await relay.relayOnce();

    // The first consumer process applies the event, commits, and dies before acknowledging it.
    const message = await (await nats.js.consumers.get(stream, durable)).next({ expires: 5000 });
    expect(message).not.toBeNull();
    const dying = new InboxProcessor(consumerDb, durable, consumer);
    expect((await dying.process(message!.string())).outcome).toBe('applied');

    // A new process takes over the same durable consumer; JetStream redelivers after ack_wait.
    const runtime = await startConsumers([consumer]);
    const runner = runtime.consumerRunners[0]!;
    await waitFor(() => runner.stats.duplicates === 1, { what: 'the redelivery', timeoutMs: 10000 });
    expect(runner.stats.applied).toBe(0);
    expect(await appliedCount('ack-crash', payload.departmentId)).toBe(1);
    await waitFor(
      async () => {
        const current = await nats.jsm.consumers.info(stream, durable);
        return current.num_ack_pending === 0 && current.num_pending === 0;
      },
      { what: 'the redelivered message to be acknowledged' },
    );
  });

  it('parks a failing event as a dead letter after the configured tries and applies it once when replayed after a fix', async () => {
    failures.failFor.add('POISON');
    const runtime = await startConsumers([countingConsumer('poison', failures)], {
      maxDeliver: 3,
      backoffMs: [50, 100],
    });
    const payload = departmentPayload('POISON');
    await producerDb.$transaction((tx) =>
      emitEvent(tx, DepartmentCreatedV1, payload, { source: 'permissions', actor, correlationId: runId }),
    );
    await relay.relayOnce();

    const parked = await waitFor(
      async () =>
        (await runtime.deadLetters.list({ limit: 10 })).items.find(
          (item) => item.consumer === 'catalogue-poison',
        ) ?? null,
      { what: 'the dead letter' },
    );
    expect(parked.deliveries).toBe(3);
    expect(parked.status).toBe('parked');
    expect(parked.error).toContain('cannot apply department POISON yet');
    expect(await appliedCount('poison', payload.departmentId)).toBe(0);

    // Replaying before the cause is fixed fails again and keeps the letter parked.
    await expect(runtime.deadLetters.replay(parked.id)).rejects.toMatchObject({
      code: ErrorCode.PRECONDITION_FAILED,
    });

    failures.failFor.delete('POISON');
    const replayed = await runtime.deadLetters.replay(parked.id);
    expect(replayed.status).toBe('replayed');
    expect(replayed.replayCount).toBe(2);
    expect(await appliedCount('poison', payload.departmentId)).toBe(1);
    await expect(runtime.deadLetters.replay(parked.id)).rejects.toMatchObject({ code: ErrorCode.CONFLICT });
  });

  it('never parks an event that failed only because the database was unreachable, however many tries that took', async () => {
    // Found by the fault suite: PostgreSQL stopped for 10 s made more failed tries than
    // CONSUMER_MAX_DELIVER, and once it was back the event was parked although nothing was wrong with it.
    let unreachable = 5;
    const consumer: EventConsumer<Tx> = {
      name: 'outage',
      source: 'permissions',
      filter: 'evt.permissions.department.>',
      handlers: [
        on(DepartmentCreatedV1, async (payload, _envelope, tx: Tx) => {
          if (unreachable > 0) {
            unreachable -= 1;
            throw new Error('Connection terminated unexpectedly');
          }
          await tx.appliedCount.upsert({
            where: { key: `outage:${payload.departmentId}` },
            create: { key: `outage:${payload.departmentId}`, count: 1 },
            update: { count: { increment: 1 } },
          });
        }),
      ],
    };
    const runtime = await startConsumers([consumer], { maxDeliver: 3, backoffMs: [50, 100] });
    const payload = departmentPayload('OUTAGE');
    await producerDb.$transaction((tx) =>
      emitEvent(tx, DepartmentCreatedV1, payload, { source: 'permissions', actor, correlationId: runId }),
    );
    await relay.relayOnce();
    await waitFor(async () => (await appliedCount('outage', payload.departmentId)) === 1, {
      what: 'the event applied once the database answers',
    });
    expect(unreachable).toBe(0);
    const parked = (await runtime.deadLetters.list({ limit: 50 })).items.filter(
      (item) => item.consumer === 'catalogue-outage',
    );
    expect(parked).toEqual([]);
  });

  it('dead-letters an event whose payload breaks its schema at once, without applying any of it', async () => {
    const runtime = await startConsumers([countingConsumer('schema', failures)]);
    const bad = {
      id: uuidv7(),
      type: DepartmentCreatedV1.type,
      version: 1,
      occurredAt: new Date().toISOString(),
      source: 'permissions',
      correlationId: runId,
      causationId: null,
      actor,
      aggregateId: uuidv7(),
      aggregateVersion: 1,
      payload: { departmentId: 'not-a-uuid', code: 42 },
    };
    await nats.js.publish(prefixSubject(prefix, DepartmentCreatedV1.subject), JSON.stringify(bad), {
      msgID: bad.id,
    });
    const parked = await waitFor(
      async () =>
        (await runtime.deadLetters.list({ limit: 50 })).items.find((item) => item.eventId === bad.id) ?? null,
      { what: 'the schema-invalid event to be parked' },
    );
    expect(parked.deliveries).toBe(1);
    expect(parked.error).toContain('invalid');
    expect(await consumerDb.inboxEvent.count({ where: { eventId: bad.id } })).toBe(0);
  });
});
