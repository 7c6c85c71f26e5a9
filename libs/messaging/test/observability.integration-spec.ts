import { join } from 'node:path';
import { v7 as uuidv7 } from 'uuid';
import { Registry } from 'prom-client';
import { DiscardPolicy, StorageType } from '@nats-io/jetstream';
import { nanos } from '@nats-io/transport-node';
import { DepartmentCreatedV1, type Actor } from '@gongkai/contracts';
import { applyMigrations, createPgAdapter, dropDatabase, ensureDatabase } from '@gongkai/persistence';
import { deleteStreamsOfRun, newRunId, testDatabaseUrl, TEST_NATS_URL, waitFor } from '@gongkai/testing';
import {
  DEFAULT_EVENT_STREAM_SETTINGS,
  MessagingProbe,
  MessagingRuntime,
  PoisonMessageError,
  connectJetStream,
  emitEvent,
  evaluateReadiness,
  on,
  registerMessagingMetrics,
  streamName,
  type EventConsumer,
  type EventStreamSettings,
  type JetStreamConnection,
} from '../src';
import { PrismaClient } from './generated/prisma/client';

const schemaDir = join(__dirname, 'prisma', 'schema');
const migrationsDir = join(__dirname, 'prisma', 'migrations');
const actor: Actor = { kind: 'person', id: 'tester' };
const rules = { maxOutboxAgeSeconds: 60 };

type Tx = Parameters<Parameters<PrismaClient['$transaction']>[0]>[0];

/** Applies department events by counting them; a department coded POISON can never be applied. */
const countingConsumer: EventConsumer<Tx> = {
  name: 'counter',
  source: 'permissions',
  filter: 'evt.permissions.department.>',
  ordering: 'independent',
  handlers: [
    on(DepartmentCreatedV1, async (payload, _envelope, tx: Tx) => {
      if (payload.code.startsWith('POISON'))
        throw new PoisonMessageError('this department can never be applied');
      await tx.appliedCount.upsert({
        where: { key: payload.departmentId },
        create: { key: payload.departmentId, count: 1 },
        update: { count: { increment: 1 } },
      });
    }),
  ],
};

/**
 * What a service shows about its event plumbing (metrics and readiness), read from a real
 * MessagingRuntime against the real NATS and PostgreSQL. The service here is `permissions`
 * consuming its own stream, so one database and one runtime hold both sides.
 */
describe('messaging observability: metrics and readiness', () => {
  const runId = newRunId();
  const prefix = runId;
  const databaseUrl = testDatabaseUrl(runId, 'observed');
  const durable = 'permissions-counter';
  let db: PrismaClient;
  let nats: JetStreamConnection;
  let runtime: MessagingRuntime<Tx> | null = null;
  let probe: MessagingProbe;
  let registry: Registry;

  async function startRuntime(
    options: { service?: 'permissions' | 'catalogue'; stream?: EventStreamSettings } = {},
  ): Promise<MessagingRuntime<Tx>> {
    const service = options.service ?? 'permissions';
    const started = new MessagingRuntime<Tx>({
      service,
      nats: { url: TEST_NATS_URL, prefix },
      db,
      relay: { pollMs: 50, batchSize: 100 },
      retry: { maxDeliver: 3, backoffMs: [50, 100], ackWaitMs: 1000 },
      consumers: service === 'permissions' ? [countingConsumer] : [],
      stream: options.stream,
    });
    runtime = started;
    probe = new MessagingProbe({ service, prefix, db, runtime: () => runtime, stream: options.stream });
    registry = new Registry();
    registerMessagingMetrics(registry, (maxAgeMs) => probe.recent(maxAgeMs));
    await started.start();
    return started;
  }

  /** One sample of a metric from a fresh scrape, or undefined when the scrape has none with those labels. */
  async function metric(name: string, labels: Record<string, string> = {}): Promise<number | undefined> {
    await probe.inspect(); // so the scrape reads now, not the snapshot it may reuse for up to 1 s
    const all = await registry.getMetricsAsJSON();
    const found = all.find((candidate) => candidate.name === name);
    const value = found?.values.find((sample) =>
      Object.entries(labels).every(([key, wanted]) => String(sample.labels[key]) === wanted),
    );
    return value?.value;
  }

  const consumerLabels = () => ({ consumer: durable, stream: streamName(prefix, 'permissions') });

  async function emitDepartment(code: string): Promise<string> {
    const departmentId = uuidv7();
    await db.$transaction((tx) =>
      emitEvent(
        tx,
        DepartmentCreatedV1,
        { departmentId, code, name: `Department ${code}`, type: 'college', parentId: null, status: 'active' },
        { source: 'permissions', actor, correlationId: runId },
      ),
    );
    return departmentId;
  }

  beforeAll(async () => {
    await ensureDatabase(databaseUrl);
    await applyMigrations({ databaseUrl, schemaDir, migrationsDir });
    db = new PrismaClient({ adapter: createPgAdapter(databaseUrl) });
    nats = await connectJetStream({ url: TEST_NATS_URL, name: `${runId}-observer` });
  });

  afterEach(async () => {
    await runtime?.stop();
    runtime = null;
  });

  afterAll(async () => {
    await nats?.close();
    await db?.$disconnect();
    await deleteStreamsOfRun(prefix);
    await dropDatabase(databaseUrl);
  });

  it('shows the outbox backlog and its age while the relay is stopped, and none once it publishes', async () => {
    const started = await startRuntime();
    const stream = streamName(prefix, 'permissions');
    expect(evaluateReadiness(await probe.inspect(), rules)).toMatchObject({ status: 'ready', ready: true });

    await started.relay?.stop();
    for (const code of ['B1', 'B2', 'B3']) await emitDepartment(code);
    const waited = await waitFor(
      async () => ((await metric('gongkai_outbox_oldest_pending_age_seconds', { stream })) ?? 0) > 0,
      { what: 'the oldest unsent event to have an age' },
    );
    expect(waited).toBe(true);
    expect(await metric('gongkai_outbox_pending_events', { stream })).toBe(3);
    expect(await metric('gongkai_outbox_relay_running', { stream })).toBe(0);
    expect(evaluateReadiness(await probe.inspect(), rules).reasons).toEqual([
      'cannot publish: the outbox relay is not running',
    ]);

    // The same events left unsent for two minutes: over the limit.
    await db.$executeRawUnsafe(
      `UPDATE "outbox" SET "created_at" = now() - interval '2 minutes' WHERE "published_at" IS NULL`,
    );
    expect(evaluateReadiness(await probe.inspect(), rules).reasons).toEqual([
      'cannot publish: the outbox relay is not running',
      expect.stringMatching(
        /^cannot publish: the oldest of 3 unsent event\(s\) has waited 1[2-9]\d s \(limit 60 s\)$/,
      ),
    ]);
    expect(await metric('gongkai_outbox_oldest_pending_age_seconds', { stream })).toBeGreaterThanOrEqual(120);

    const publishedBefore = (await metric('gongkai_events_published_total', { stream })) ?? 0;
    started.relay?.start();
    await waitFor(async () => (await metric('gongkai_outbox_pending_events', { stream })) === 0, {
      what: 'the backlog to be published',
    });
    expect(await metric('gongkai_outbox_oldest_pending_age_seconds', { stream })).toBe(0);
    expect(
      ((await metric('gongkai_events_published_total', { stream })) ?? 0) - publishedBefore,
    ).toBeGreaterThan(0);
    expect(evaluateReadiness(await probe.inspect(), rules)).toMatchObject({ status: 'ready', reasons: [] });
  });

  it('counts what a consumer applies and shows its lag in JetStream while its loop is stopped', async () => {
    const started = await startRuntime();
    const runner = started.consumerRunners[0];
    if (!runner) throw new Error('the runtime has no consumer');
    await waitFor(async () => (await metric('gongkai_consumer_lag_messages', consumerLabels())) === 0, {
      what: 'the consumer to catch up with earlier tests',
    });
    const appliedBefore = (await metric('gongkai_consumer_events_applied_total', consumerLabels())) ?? 0;

    await runner.stop();
    expect(await metric('gongkai_consumer_consuming', consumerLabels())).toBe(0);
    const stopped = evaluateReadiness(await probe.inspect(), rules);
    expect(stopped.ready).toBe(false);
    expect(stopped.reasons).toEqual([
      `cannot consume: consumer ${durable} is not consuming (its loop ended)`,
    ]);

    const departments = [];
    for (const code of ['L1', 'L2', 'L3', 'L4']) departments.push(await emitDepartment(code));
    // Delivered-but-unacknowledged messages count too: the stopped loop's last pull may have taken some.
    await waitFor(async () => (await metric('gongkai_consumer_lag_messages', consumerLabels())) === 4, {
      what: 'a lag of the 4 events published while the consumer is stopped',
    });
    expect(
      ((await metric('gongkai_consumer_pending_messages', consumerLabels())) ?? 0) +
        ((await metric('gongkai_consumer_ack_pending_messages', consumerLabels())) ?? 0),
    ).toBe(4);

    await runner.start();
    await waitFor(async () => (await metric('gongkai_consumer_lag_messages', consumerLabels())) === 0, {
      what: 'the consumer to catch up',
    });
    expect((await metric('gongkai_consumer_events_applied_total', consumerLabels())) ?? 0).toBe(
      appliedBefore + 4,
    );
    expect(await db.appliedCount.count({ where: { key: { in: departments } } })).toBe(4);
    expect(await metric('gongkai_consumer_consuming', consumerLabels())).toBe(1);
    const lastApplied = await metric('gongkai_consumer_last_applied_timestamp_seconds', consumerLabels());
    expect(lastApplied).toBeGreaterThan(0);
    expect(evaluateReadiness(await probe.inspect(), rules).ready).toBe(true);

    await emitDepartment('POISON1');
    await waitFor(async () => (await metric('gongkai_dead_letters_parked', consumerLabels())) === 1, {
      what: 'the poison event parked as a dead letter',
    });
    expect(await metric('gongkai_consumer_dead_lettered_total', consumerLabels())).toBe(1);
    // A parked dead letter is for ops to look at; it does not stop the consumer.
    expect(evaluateReadiness(await probe.inspect(), rules).ready).toBe(true);
  });

  it('is not ready once its NATS connection is closed', async () => {
    const started = await startRuntime();
    expect(await metric('gongkai_nats_connected')).toBe(1);
    await started.nats.nc.close();
    const report = await waitFor(
      async () => {
        const found = evaluateReadiness(await probe.inspect(), rules);
        return found.reasons.some((reason) => reason.startsWith('cannot consume')) ? found : null;
      },
      { what: 'the consumer loop to end with the connection' },
    );
    expect(report.status).toBe('not_ready');
    expect(report.reasons).toContain('NATS is not connected: the events connection is closed');
    expect(report.reasons).toContain(`cannot consume: consumer ${durable} is not consuming (its loop ended)`);
    expect(await metric('gongkai_nats_connected')).toBe(0);
  });

  it('brings what it can of a drifted stream up to date and reports the rest', async () => {
    const stream = streamName(prefix, 'catalogue');
    // Created by hand (or by an older version) with another configuration.
    await nats.jsm.streams.add({
      name: stream,
      subjects: [`${prefix}.evt.catalogue.>`],
      storage: StorageType.Memory,
      max_msgs: 1000,
      discard: DiscardPolicy.Old,
      duplicate_window: nanos(60_000),
    });
    const started = await startRuntime({ service: 'catalogue', stream: DEFAULT_EVENT_STREAM_SETTINGS });

    expect(started.ownStream?.updated.sort()).toEqual(['discard', 'duplicate_window', 'max_msgs']);
    const live = (await nats.jsm.streams.info(stream)).config;
    expect(live).toMatchObject({
      max_msgs: -1,
      discard: DiscardPolicy.New,
      duplicate_window: nanos(600_000),
    });
    expect(live.storage).toBe(StorageType.Memory);
    expect(started.ownStream?.drift).toEqual([
      {
        stream,
        field: 'storage',
        wanted: 'file',
        actual: 'memory',
        reason: 'JetStream cannot change it in place',
      },
    ]);
    expect(await metric('gongkai_stream_config_drift', { stream, field: 'storage' })).toBe(1);
    expect(await metric('gongkai_stream_config_drift', { stream, field: 'max_msgs' })).toBeUndefined();

    const report = evaluateReadiness(await probe.inspect(), rules);
    expect(report.status).toBe('degraded');
    expect(report.ready).toBe(true);
    expect(report.warnings).toContain(
      `Stream ${stream} drifted: storage is memory, configured file (JetStream cannot change it in place)`,
    );

    // Changed behind the running service's back: reported at the next look, left as it is.
    await nats.jsm.streams.update(stream, { max_msgs: 500 });
    await waitFor(
      async () => (await metric('gongkai_stream_config_drift', { stream, field: 'max_msgs' })) === 1,
      {
        what: 'the live change to be reported',
      },
    );
    expect(evaluateReadiness(await probe.inspect(), rules).warnings).toContain(
      `Stream ${stream} drifted: max_msgs is 500, configured -1 (changed after the service started)`,
    );
    expect((await nats.jsm.streams.info(stream)).config.max_msgs).toBe(500);
  });
});
