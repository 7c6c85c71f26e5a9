import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { v7 as uuidv7 } from 'uuid';
import type { JetStreamClient } from '@nats-io/jetstream';
import { DepartmentCreatedV1, type EventEnvelope } from '@gongkai/contracts';
import {
  EventPublisher,
  MessagingRuntime,
  OutboxRelay,
  connectJetStream,
  emitEvent,
  ensureEventStream,
  on,
  type ConsumerRunner,
  type EventConsumer,
  type PublishResult,
  type SqlClient,
  type TransactionalSqlClient,
} from '@gongkai/messaging';
import { applyMigrations, createPgAdapter, dropDatabase, ensureDatabase } from '@gongkai/persistence';
import { deleteStreamsOfRun, newRunId, sleep, testDatabaseUrl, TEST_NATS_URL } from '@gongkai/testing';
import { onCleanup, runCleanups } from './cleanup';
import type { BenchReport } from './report';
import { perSecond, round, summarize, type LatencySummary } from './stats';

export interface OutboxBenchOptions {
  /** Events committed per scenario. */
  events: number;
  /** Commits per second in the paced scenario: a load the consumer keeps up with. */
  paceRate: number;
  /** A scenario that has not applied every event by then fails the bench. */
  timeoutMs: number;
}

// The service defaults (OUTBOX_POLL_MS, OUTBOX_BATCH_SIZE, CONSUMER_* in libs/config), so the
// figures describe the relay and consumer as deployed.
const RELAY = { pollMs: 200, batchSize: 100 };
const RETRY = { maxDeliver: 5, backoffMs: [1000, 5000, 30000, 120000], ackWaitMs: 30000 };

interface Scenario {
  key: string;
  label: string;
  eventsPerTransaction: number;
  /** Relay running while events are committed (live), or started once they all are (backlog). */
  live: boolean;
  /** Commits per second; none: as fast as one writer can. */
  paceRate?: number;
}

const WARM_UP: Scenario = { key: 'warmup', label: 'warm-up', eventsPerTransaction: 1, live: true };

function scenarios(paceRate: number): Scenario[] {
  return [
    {
      key: 'paced-tx1',
      label: `paced ${paceRate}/s, 1 event/tx`,
      eventsPerTransaction: 1,
      live: true,
      paceRate,
    },
    { key: 'flat-tx1', label: 'flat out, 1 event/tx', eventsPerTransaction: 1, live: true },
    { key: 'flat-tx50', label: 'flat out, 50 events/tx', eventsPerTransaction: 50, live: true },
    { key: 'backlog-tx50', label: 'backlog, 50 events/tx', eventsPerTransaction: 50, live: false },
  ];
}

const workspaceRoot = resolve(__dirname, '..', '..');
const schemaDir = join(workspaceRoot, 'libs/messaging/test/prisma/schema');
const migrationsDir = join(workspaceRoot, 'libs/messaging/test/prisma/migrations');
const generatedClient = join(workspaceRoot, 'libs/messaging/test/generated/prisma/client.ts');

type BenchDb = TransactionalSqlClient & { $disconnect(): Promise<void> };

/** performance.now() of each event's milestones, by event id. */
interface Clock {
  committed: Map<string, number>;
  published: Map<string, number>;
  applied: Map<string, number>;
}

interface ScenarioResult {
  scenario: string;
  events: number;
  eventsPerTransaction: number;
  live: boolean;
  committedPerSec: number;
  publishedPerSec: number;
  appliedPerSec: number;
  commitToApplied: LatencySummary;
  commitToPublished: LatencySummary;
  publishedToApplied: LatencySummary;
  counter: { rows: number; total: number; appliedTwice: number };
  relay: { duplicates: number; failures: number };
  consumer: { inboxDuplicates: number; retried: number; deadLettered: number };
}

/** The messaging library's throwaway test client (generated, not committed); any service client would do. */
function loadTestPrismaClient(): new (options: { adapter: unknown }) => BenchDb {
  if (!existsSync(generatedClient)) {
    throw new Error(`${generatedClient} is missing: run npx nx run messaging:prisma-generate`);
  }
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (require(generatedClient) as { PrismaClient: new (options: { adapter: unknown }) => BenchDb })
    .PrismaClient;
}

/** Notes the publish-ack time of every event the relay sends. */
class TimedPublisher extends EventPublisher {
  constructor(
    js: JetStreamClient,
    prefix: string,
    private readonly publishedAt: Map<string, number>,
  ) {
    super(js, prefix);
  }

  override async publish(subject: string, envelope: EventEnvelope, msgId?: string): Promise<PublishResult> {
    const result = await super.publish(subject, envelope, msgId);
    this.publishedAt.set(envelope.id, performance.now());
    return result;
  }
}

/**
 * The consumer's database, noting when the inbox transaction that applied an event commits:
 * "applied" means committed on the consumer side, not merely handled.
 */
function timeAppliedCommits(
  db: BenchDb,
  appliedIn: WeakMap<SqlClient, string>,
  appliedAt: Map<string, number>,
) {
  const timed: TransactionalSqlClient = {
    $executeRawUnsafe: (query, ...values) => db.$executeRawUnsafe(query, ...values),
    $queryRawUnsafe: <T>(query: string, ...values: unknown[]) => db.$queryRawUnsafe<T>(query, ...values),
    async $transaction<R>(
      work: (tx: SqlClient) => Promise<R>,
      options?: { timeout?: number; maxWait?: number },
    ) {
      let used: SqlClient | undefined;
      const result = await db.$transaction((tx) => {
        used = tx;
        return work(tx);
      }, options);
      const eventId = used && appliedIn.get(used);
      if (eventId) appliedAt.set(eventId, performance.now());
      return result;
    },
  };
  return timed;
}

/** The trivial projection under test: one counter row per event, keyed by the department code. */
function counterConsumer(appliedIn: WeakMap<SqlClient, string>): EventConsumer {
  return {
    name: 'bench-counter',
    source: 'permissions',
    filter: 'evt.permissions.department.>',
    handlers: [
      on(DepartmentCreatedV1, async (payload, envelope, tx) => {
        await tx.$executeRawUnsafe(
          `INSERT INTO "applied_count" ("key", "count") VALUES ($1, 1)
           ON CONFLICT ("key") DO UPDATE SET "count" = "applied_count"."count" + 1`,
          payload.code,
        );
        appliedIn.set(tx, envelope.id);
      }),
    ],
  };
}

export async function runOutboxBench(options: OutboxBenchOptions): Promise<BenchReport> {
  const runId = newRunId();
  const prefix = runId;
  const producerUrl = testDatabaseUrl(runId, 'bench_producer');
  const consumerUrl = testDatabaseUrl(runId, 'bench_consumer');
  const clock: Clock = { committed: new Map(), published: new Map(), applied: new Map() };
  const appliedIn = new WeakMap<SqlClient, string>();

  try {
    const PrismaClient = loadTestPrismaClient();
    for (const url of [producerUrl, consumerUrl]) {
      onCleanup(`drop database ${url}`, () => dropDatabase(url));
      await ensureDatabase(url);
      await applyMigrations({ databaseUrl: url, schemaDir, migrationsDir });
    }
    onCleanup(`delete the streams of ${prefix}`, () => deleteStreamsOfRun(prefix));

    const producerDb = new PrismaClient({ adapter: createPgAdapter(producerUrl) });
    onCleanup('disconnect the producer database', () => producerDb.$disconnect());
    const consumerDb = new PrismaClient({ adapter: createPgAdapter(consumerUrl) });
    onCleanup('disconnect the consumer database', () => consumerDb.$disconnect());

    const nats = await connectJetStream({ url: TEST_NATS_URL, name: `${runId}-bench-relay` });
    onCleanup('close the relay NATS connection', () => nats.close());
    await ensureEventStream(nats.jsm, { prefix, service: 'permissions' });
    const publisher = new TimedPublisher(nats.js, prefix, clock.published);

    // A consuming service (catalogue owns no relay in this setup) with the one counter consumer.
    const consumerRuntime = new MessagingRuntime({
      service: 'catalogue',
      nats: { url: TEST_NATS_URL, prefix },
      db: timeAppliedCommits(consumerDb, appliedIn, clock.applied),
      relay: RELAY,
      retry: RETRY,
      consumers: [counterConsumer(appliedIn)],
    });
    onCleanup('stop the consumer', () => consumerRuntime.stop());
    await consumerRuntime.start();
    const runner = consumerRuntime.consumerRunners[0];
    if (!runner) throw new Error('The consumer did not start');

    const context = { producerDb, consumerDb, publisher, runner, clock, options };
    await runScenario(context, WARM_UP, Math.min(200, options.events));
    const results: ScenarioResult[] = [];
    for (const scenario of scenarios(options.paceRate))
      results.push(await runScenario(context, scenario, options.events));
    return toReport(runId, options, results);
  } finally {
    await runCleanups();
  }
}

interface ScenarioContext {
  producerDb: BenchDb;
  consumerDb: BenchDb;
  publisher: EventPublisher;
  runner: ConsumerRunner;
  clock: Clock;
  options: OutboxBenchOptions;
}

async function runScenario(
  context: ScenarioContext,
  scenario: Scenario,
  events: number,
): Promise<ScenarioResult> {
  const { producerDb, consumerDb, publisher, runner, clock } = context;
  const relay = new OutboxRelay(producerDb, publisher, RELAY);
  const consumerStatsBefore = { ...runner.stats };
  const eventContext = {
    source: 'permissions',
    actor: { kind: 'system' as const, id: 'bench' },
    correlationId: scenario.key,
  };
  const ids: string[] = [];

  if (scenario.live) relay.start();
  try {
    const commitStart = performance.now();
    for (let sent = 0; sent < events; sent += scenario.eventsPerTransaction) {
      const early = scenario.paceRate
        ? commitStart + (sent * 1000) / scenario.paceRate - performance.now()
        : 0;
      if (early > 0) await sleep(early);
      const size = Math.min(scenario.eventsPerTransaction, events - sent);
      const batch = await producerDb.$transaction(async (tx) => {
        const written: string[] = [];
        for (let i = sent; i < sent + size; i += 1) {
          const envelope = await emitEvent(
            tx,
            DepartmentCreatedV1,
            departmentPayload(`${scenario.key}-${i}`),
            eventContext,
          );
          written.push(envelope.id);
        }
        return written;
      });
      const committedAt = performance.now();
      for (const id of batch) clock.committed.set(id, committedAt);
      ids.push(...batch);
      // What a service does after its command commits: publish now rather than at the next poll.
      relay.kick();
    }
    const commitEnd = performance.now();
    const relayStart = scenario.live ? commitStart : performance.now();
    if (!scenario.live) relay.start();

    await waitForAll(ids, clock, scenario, context.options.timeoutMs);
    // Give a late redelivery a moment to show up in the counter.
    await sleep(300);

    const [counter] = await consumerDb.$queryRawUnsafe<{ rows: number; total: number; twice: number }[]>(
      `SELECT count(*)::int AS "rows", coalesce(sum("count"), 0)::int AS "total",
              (count(*) FILTER (WHERE "count" > 1))::int AS "twice"
         FROM "applied_count" WHERE "key" LIKE $1`,
      `${scenario.key}-%`,
    );
    const lastOf = (times: Map<string, number>) => Math.max(...ids.map((id) => times.get(id) ?? Number.NaN));
    const between = (from: Map<string, number>, to: Map<string, number>) =>
      summarize(ids.map((id) => (to.get(id) ?? Number.NaN) - (from.get(id) ?? Number.NaN)));
    return {
      scenario: scenario.label,
      events,
      eventsPerTransaction: scenario.eventsPerTransaction,
      live: scenario.live,
      committedPerSec: perSecond(events, commitEnd - commitStart),
      publishedPerSec: perSecond(events, lastOf(clock.published) - relayStart),
      appliedPerSec: perSecond(events, lastOf(clock.applied) - relayStart),
      commitToApplied: between(clock.committed, clock.applied),
      commitToPublished: between(clock.committed, clock.published),
      publishedToApplied: between(clock.published, clock.applied),
      counter: { rows: counter?.rows ?? 0, total: counter?.total ?? 0, appliedTwice: counter?.twice ?? 0 },
      relay: { duplicates: relay.stats.duplicates, failures: relay.stats.failures },
      consumer: {
        inboxDuplicates: runner.stats.duplicates - consumerStatsBefore.duplicates,
        retried: runner.stats.retried - consumerStatsBefore.retried,
        deadLettered: runner.stats.deadLettered - consumerStatsBefore.deadLettered,
      },
    };
  } finally {
    await relay.stop();
  }
}

function departmentPayload(code: string) {
  return {
    departmentId: uuidv7(),
    code,
    name: `Bench department ${code}`,
    type: 'office' as const,
    parentId: null,
    status: 'active' as const,
  };
}

async function waitForAll(ids: string[], clock: Clock, scenario: Scenario, timeoutMs: number): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  const count = (times: Map<string, number>) => ids.filter((id) => times.has(id)).length;
  while (count(clock.applied) < ids.length) {
    if (performance.now() > deadline) {
      throw new Error(
        `${scenario.label}: after ${timeoutMs} ms only ${count(clock.published)}/${ids.length} events were published and ${count(clock.applied)} applied`,
      );
    }
    await sleep(10);
  }
}

function toReport(runId: string, options: OutboxBenchOptions, results: ScenarioResult[]): BenchReport {
  const ok = results.every(
    (result) =>
      result.counter.rows === result.events &&
      result.counter.total === result.events &&
      result.counter.appliedTwice === 0,
  );
  // In a backlog run the commit→applied time is mostly the wait for the relay to start: not a latency.
  const latency = (result: ScenarioResult, value: number) => (result.live ? round(value) : Number.NaN);
  return {
    bench: 'outbox',
    ok,
    tables: [
      {
        title: `outbox → JetStream → inbox (${options.events} events per row; latency in ms, commit → applied)`,
        columns: [
          'scenario',
          'committed/s',
          'published/s',
          'applied/s',
          'p50',
          'p90',
          'p99',
          'max',
          'counter',
          'applied twice',
        ],
        rows: results.map((result) => [
          result.scenario,
          Math.round(result.committedPerSec),
          Math.round(result.publishedPerSec),
          Math.round(result.appliedPerSec),
          latency(result, result.commitToApplied.p50),
          latency(result, result.commitToApplied.p90),
          latency(result, result.commitToApplied.p99),
          latency(result, result.commitToApplied.max),
          `${result.counter.total}/${result.events}`,
          result.counter.appliedTwice,
        ]),
      },
      {
        title: 'where the time goes (ms): commit → publish ack (relay), publish ack → applied (consumer)',
        columns: [
          'scenario',
          'relay p50',
          'relay p99',
          'relay max',
          'consumer p50',
          'consumer p99',
          'consumer max',
          'redelivered',
        ],
        rows: results
          .filter((result) => result.live)
          .map((result) => [
            result.scenario,
            round(result.commitToPublished.p50),
            round(result.commitToPublished.p99),
            round(result.commitToPublished.max),
            round(result.publishedToApplied.p50),
            round(result.publishedToApplied.p99),
            round(result.publishedToApplied.max),
            result.consumer.inboxDuplicates,
          ]),
      },
    ],
    notes: [
      'paced and flat out: relay and consumer run while one writer commits (a transaction at a time, the relay kicked after each commit);',
      'flat out commits faster than the consumer applies, so its latency is mostly time spent queued: read the paced row for latency.',
      'backlog: every event is committed first, then the relay starts: published/s and applied/s are its drain rates.',
      `relay poll ${RELAY.pollMs} ms, batch ${RELAY.batchSize}; producer, relay and consumer share this one Node process.`,
      `"counter" is the sum of the consumer's counters over the events sent; "applied twice" counts counters above 1 (must be 0).`,
    ],
    data: { runId, events: options.events, relay: RELAY, scenarios: results },
  };
}
