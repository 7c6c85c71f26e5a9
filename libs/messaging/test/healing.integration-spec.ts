import { join } from 'node:path';
import { Controller, Logger, type INestMicroservice } from '@nestjs/common';
import { MessagePattern } from '@nestjs/microservices';
import { Test } from '@nestjs/testing';
import type { NatsConnection } from '@nats-io/transport-node';
import { v7 as uuidv7 } from 'uuid';
import { DepartmentCreatedV1, defineRpc, type Actor, type RequestMeta } from '@gongkai/contracts';
import { z } from 'zod';
import { applyMigrations, createPgAdapter, dropDatabase, ensureDatabase } from '@gongkai/persistence';
import {
  newRunId,
  sleep,
  startPrivateNatsServer,
  testDatabaseUrl,
  waitFor,
  type PrivateNatsServer,
} from '@gongkai/testing';
import {
  MessagingRuntime,
  OutboxRepository,
  RpcErrorFilter,
  ServiceClient,
  ServiceNatsServer,
  connectJetStream,
  connectNats,
  emitEvent,
  on,
  streamName,
  type EventConsumer,
} from '../src';
import { PrismaClient } from './generated/prisma/client';

const schemaDir = join(__dirname, 'prisma', 'schema');
const migrationsDir = join(__dirname, 'prisma', 'migrations');
const actor: Actor = { kind: 'person', id: 'tester' };
const meta: RequestMeta = { actor, correlationId: 'corr-healing' };

type Tx = Parameters<Parameters<PrismaClient['$transaction']>[0]>[0];

const PingRpc = defineRpc({
  subject: 'permissions.departments.get',
  request: z.unknown(),
  reply: z.string(),
});

@Controller()
class PingStandIn {
  @MessagePattern('permissions.departments.get')
  get() {
    return 'pong';
  }
}

/**
 * A NATS server of this test's own (never the shared one) is killed, optionally loses its
 * JetStream store, and comes back on the same port: request/reply answers again, the stream and
 * the durable consumer are re-created, and events written while NATS was down are published
 * and applied once.
 */
describe('healing after a NATS outage (private nats-server)', () => {
  const runId = newRunId();
  const prefix = runId;
  const producerUrl = testDatabaseUrl(runId, 'producer');
  const consumerUrl = testDatabaseUrl(runId, 'consumer');
  let nats: PrivateNatsServer;
  let producerDb: PrismaClient;
  let consumerDb: PrismaClient;
  let producer: MessagingRuntime<Tx>;
  let consumer: MessagingRuntime<Tx>;
  let service: INestMicroservice;
  let clientConnection: NatsConnection;
  let client: ServiceClient;

  const countingConsumer: EventConsumer<Tx> = {
    name: 'healing',
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

  async function applied(departmentId: string): Promise<number> {
    return (await consumerDb.appliedCount.findUnique({ where: { key: departmentId } }))?.count ?? 0;
  }

  async function emitDepartment(code: string): Promise<string> {
    const departmentId = uuidv7();
    await producerDb.$transaction((tx) =>
      emitEvent(
        tx,
        DepartmentCreatedV1,
        { departmentId, code, name: code, type: 'office', parentId: null, status: 'active' },
        { source: 'permissions', actor, correlationId: runId },
      ),
    );
    producer.kick();
    return departmentId;
  }

  /** Time from now until the service answers a request through a client on the same server. */
  async function timeToAnswer(): Promise<number> {
    const started = Date.now();
    await waitFor(
      () =>
        client.request(PingRpc, {}, meta, { timeoutMs: 500 }).then(
          (reply) => reply === 'pong',
          () => false,
        ),
      { timeoutMs: 15000, intervalMs: 100, what: 'the service to answer again' },
    );
    return Date.now() - started;
  }

  beforeAll(async () => {
    nats = await startPrivateNatsServer();
    for (const url of [producerUrl, consumerUrl]) {
      await ensureDatabase(url);
      await applyMigrations({ databaseUrl: url, schemaDir, migrationsDir });
    }
    producerDb = new PrismaClient({ adapter: createPgAdapter(producerUrl) });
    consumerDb = new PrismaClient({ adapter: createPgAdapter(consumerUrl) });
    const retry = { maxDeliver: 5, backoffMs: [50, 100], ackWaitMs: 2000 };
    producer = new MessagingRuntime<Tx>({
      service: 'permissions',
      nats: { url: nats.url, prefix },
      db: producerDb,
      relay: { pollMs: 50, batchSize: 100, retryMaxMs: 1000 },
      retry,
      consumers: [],
    });
    consumer = new MessagingRuntime<Tx>({
      service: 'catalogue',
      nats: { url: nats.url, prefix },
      db: consumerDb,
      relay: { pollMs: 50, batchSize: 100 },
      retry,
      consumers: [countingConsumer],
      consumerCheckIntervalMs: 1000,
    });
    await producer.start();
    await consumer.start();
    const moduleRef = await Test.createTestingModule({ controllers: [PingStandIn] }).compile();
    service = moduleRef.createNestMicroservice({
      strategy: new ServiceNatsServer({ servers: nats.url, prefix, service: 'permissions' }),
      logger: false,
    });
    service.useGlobalFilters(new RpcErrorFilter());
    await service.listen();
    clientConnection = await connectNats({ servers: nats.url, name: `${runId}-client` });
    client = new ServiceClient(clientConnection, { prefix, defaultTimeoutMs: 1000 });
  }, 60000);

  afterAll(async () => {
    await service?.close();
    await clientConnection?.close();
    await consumer?.stop();
    await producer?.stop();
    await producerDb?.$disconnect();
    await consumerDb?.$disconnect();
    await nats?.dispose();
    await dropDatabase(producerUrl);
    await dropDatabase(consumerUrl);
  }, 60000);

  it('keeps consuming, and publishes what was written during the outage, once NATS is back', async () => {
    const before = await emitDepartment('BEFORE');
    await waitFor(() => applied(before), { what: 'the first event applied' });

    const warnings = jest.spyOn(Logger.prototype, 'warn');
    await nats.stop('SIGKILL');
    const during = await emitDepartment('DURING');
    // The relay tries (and fails) for a while; then NATS comes back with its store.
    await sleep(4000);
    expect(await OutboxRepository.countPending(producerDb)).toBe(1);
    await nats.start();

    expect(await timeToAnswer()).toBeLessThan(5000);
    await waitFor(() => applied(during), { timeoutMs: 15000, what: 'the event written during the outage' });
    await sleep(500);
    expect(await applied(during)).toBe(1);
    expect(await applied(before)).toBe(1);
    expect(await OutboxRepository.countPending(producerDb)).toBe(0);
    const relayWarnings = warnings.mock.calls.filter(([message]) => /Outbox relay/.test(String(message)));
    // One line when publishing started failing, not one per pass.
    expect(relayWarnings.length).toBeLessThanOrEqual(1);
    warnings.mockRestore();
  }, 60000);

  it('re-creates the stream and the durable consumer after NATS lost its store', async () => {
    await nats.stop('SIGKILL');
    nats.wipeStore();
    const during = await emitDepartment('WIPED');
    await sleep(1000);
    await nats.start();

    expect(await timeToAnswer()).toBeLessThan(5000);
    await waitFor(() => applied(during), { timeoutMs: 20000, what: 'the event written while NATS was away' });
    const js = await connectJetStream({ url: nats.url, name: `${runId}-check` });
    try {
      const info = await js.jsm.consumers.info(streamName(prefix, 'permissions'), 'catalogue-healing');
      expect(info.num_pending).toBe(0);
      expect((await js.jsm.streams.info(streamName(prefix, 'permissions'))).state.messages).toBe(1);
    } finally {
      await js.close();
    }
    const after = await emitDepartment('AFTER');
    await waitFor(() => applied(after), { what: 'an event published after the recovery' });
    await sleep(300);
    expect(await applied(during)).toBe(1);
    expect(await applied(after)).toBe(1);
  }, 60000);
});
