import { join } from 'node:path';
import { v7 as uuidv7 } from 'uuid';
import { DepartmentCreatedV1, type Actor } from '@gongkai/contracts';
import { applyMigrations, createPgAdapter, dropDatabase, ensureDatabase } from '@gongkai/persistence';
import { deleteStreamsOfRun, newRunId, testDatabaseUrl, TEST_NATS_URL, waitFor } from '@gongkai/testing';
import {
  MessagingRuntime,
  connectJetStream,
  emitEvent,
  on,
  prefixSubject,
  type EventConsumer,
  type JetStreamConnection,
} from '../src';
import { PrismaClient } from './generated/prisma/client';

const schemaDir = join(__dirname, 'prisma', 'schema');
const migrationsDir = join(__dirname, 'prisma', 'migrations');
const actor: Actor = { kind: 'person', id: 'tester' };
type Tx = Parameters<Parameters<PrismaClient['$transaction']>[0]>[0];

/**
 * Found by `npm run test:faults`: on a starved machine a JetStream API call at boot timed out,
 * the consumer could not start, `MessagingRuntime.start()` threw and the service exited, booted
 * again, timed out again... A consumer that cannot start at boot must not stop the service: the
 * supervisor starts it as soon as it can. (A stream claiming the same subjects makes the start
 * fail here on purpose, deterministically.)
 */
describe('a consumer that cannot start at boot', () => {
  const runId = newRunId();
  const producerUrl = testDatabaseUrl(runId, 'producer');
  const consumerUrl = testDatabaseUrl(runId, 'consumer');
  let producerDb: PrismaClient;
  let consumerDb: PrismaClient;
  let producer: MessagingRuntime<Tx> | undefined;
  let consumer: MessagingRuntime<Tx> | undefined;
  let admin: JetStreamConnection;

  const countingConsumer: EventConsumer<Tx> = {
    name: 'late',
    source: 'permissions',
    filter: 'evt.permissions.department.>',
    handlers: [
      on(DepartmentCreatedV1, async (payload, _envelope, tx: Tx) => {
        await tx.appliedCount.upsert({
          where: { key: payload.departmentId },
          create: { key: payload.departmentId, count: 1 },
          update: { count: { increment: 1 } },
        });
      }),
    ],
  };
  const retry = { maxDeliver: 5, backoffMs: [50, 100], ackWaitMs: 2000 };

  beforeAll(async () => {
    for (const url of [producerUrl, consumerUrl]) {
      await ensureDatabase(url);
      await applyMigrations({ databaseUrl: url, schemaDir, migrationsDir });
    }
    producerDb = new PrismaClient({ adapter: createPgAdapter(producerUrl) });
    consumerDb = new PrismaClient({ adapter: createPgAdapter(consumerUrl) });
    admin = await connectJetStream({ url: TEST_NATS_URL, name: `${runId}-admin` });
  }, 60000);

  afterAll(async () => {
    await consumer?.stop();
    await producer?.stop();
    await admin?.close();
    await producerDb?.$disconnect();
    await consumerDb?.$disconnect();
    await deleteStreamsOfRun(runId);
    await dropDatabase(producerUrl);
    await dropDatabase(consumerUrl);
  }, 60000);

  it('boots anyway, says it is not consuming, and applies events once the consumer can start', async () => {
    const blocker = `${runId.toUpperCase()}_BLOCKER`;
    await admin.jsm.streams.add({ name: blocker, subjects: [prefixSubject(runId, 'evt.permissions.>')] });

    consumer = new MessagingRuntime<Tx>({
      service: 'catalogue',
      nats: { url: TEST_NATS_URL, prefix: runId },
      db: consumerDb,
      relay: { pollMs: 50, batchSize: 100 },
      retry,
      consumers: [countingConsumer],
      consumerCheckIntervalMs: 500,
    });
    await consumer.start();
    expect(consumer.consumerRunners.map((runner) => runner.consuming)).toEqual([false]);

    await admin.jsm.streams.delete(blocker);
    await waitFor(() => consumer?.consumerRunners[0]?.consuming, {
      timeoutMs: 60000,
      what: 'the consumer to start in the background',
    });

    producer = new MessagingRuntime<Tx>({
      service: 'permissions',
      nats: { url: TEST_NATS_URL, prefix: runId },
      db: producerDb,
      relay: { pollMs: 50, batchSize: 100 },
      retry,
      consumers: [],
    });
    await producer.start();
    const departmentId = uuidv7();
    await producerDb.$transaction((tx) =>
      emitEvent(
        tx,
        DepartmentCreatedV1,
        {
          departmentId,
          code: 'LATE',
          name: '晚到的消费者',
          type: 'office',
          parentId: null,
          status: 'active',
        },
        { source: 'permissions', actor, correlationId: runId },
      ),
    );
    producer.kick();
    await waitFor(
      async () => (await consumerDb.appliedCount.findUnique({ where: { key: departmentId } }))?.count === 1,
      { timeoutMs: 60000, what: 'the event applied by the late consumer' },
    );
  }, 150000);
});
