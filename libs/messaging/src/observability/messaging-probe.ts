import { PRODUCING_SERVICES, type DataServiceName, type ProducingServiceName } from '@gongkai/contracts';
import type { MessagingRuntime } from '../messaging-runtime';
import type { SqlClient } from '../sql-client';
import type { ConsumerStats } from '../inbox/consumer-runner';
import type { RelayStats } from '../outbox/outbox.relay';
import { OutboxRepository } from '../outbox/outbox.repository';
import { HeldEventRepository } from '../ordering/held-event.repository';
import { DeadLetterRepository } from '../dead-letters/dead-letter.repository';
import { inspectStreamDrift } from '../jetstream/stream-provisioner';
import {
  DEFAULT_EVENT_STREAM_SETTINGS,
  type EventStreamSettings,
  type StreamDrift,
} from '../jetstream/stream-settings';
import { streamName } from '../naming';
import { messageOf, withTimeout } from './with-timeout';

/** A check that could not be made says why instead of a value. */
export type Observed<T> = { ok: true; value: T } | { ok: false; error: string };

export interface OutboxSnapshot {
  stream: string;
  relayRunning: boolean;
  stats: RelayStats;
  backlog: Observed<{ pending: number; oldestAgeSeconds: number }>;
}

export interface ConsumerSnapshot {
  /** The durable consumer's name, `<service>-<consumer>`. */
  name: string;
  stream: string;
  consuming: boolean;
  stats: ConsumerStats;
  /** Events this consumer holds now, waiting for an earlier version of their aggregate. */
  held: Observed<{ held: number; oldestAgeSeconds: number }>;
  parkedDeadLetters: Observed<number>;
  /** From JetStream's consumer info: messages not yet delivered, and delivered but not acknowledged. */
  jetstream: Observed<{ pending: number; ackPending: number }>;
}

export interface StreamSnapshot {
  stream: string;
  drift: Observed<StreamDrift[]>;
}

/** Everything the service's /metrics and readiness say about its event plumbing, taken at one moment. */
export interface MessagingSnapshot {
  service: DataServiceName;
  takenAt: Date;
  /** False before the runtime started and after it stopped. */
  started: boolean;
  database: Observed<true>;
  nats: Observed<true>;
  /** null for a service that publishes no events. */
  outbox: OutboxSnapshot | null;
  consumers: ConsumerSnapshot[];
  /** The service's own stream; null for a service that publishes no events. */
  stream: StreamSnapshot | null;
}

export interface MessagingProbeOptions {
  service: DataServiceName;
  prefix: string;
  db: SqlClient;
  /** The running runtime, or null while it is not (started late, stopped early). */
  runtime: () => MessagingRuntime | null;
  /** What the service's own stream should look like (config.jetstream). */
  stream?: EventStreamSettings;
  /** Each database or NATS question gets this long (default 700 ms, inside the gateway's 1 s /readyz budget). */
  timeoutMs?: number;
}

const DEFAULT_TIMEOUT_MS = 700;

function isProducer(service: DataServiceName): service is ProducingServiceName {
  return (PRODUCING_SERVICES as readonly string[]).includes(service);
}

async function observe<T>(work: () => Promise<T>, timeoutMs: number): Promise<Observed<T>> {
  try {
    return { ok: true, value: await withTimeout(work(), timeoutMs) };
  } catch (error) {
    return { ok: false, error: messageOf(error) };
  }
}

/**
 * Looks at a MessagingRuntime from outside: its counters, its tables (outbox backlog, held
 * events, parked dead letters), JetStream's view of its consumers and its stream's configuration.
 * Every question has a short timeout, so a dead database or NATS makes a snapshot that says so
 * instead of a hanging scrape. Concurrent callers share one inspection.
 */
export class MessagingProbe {
  private inFlight: Promise<MessagingSnapshot> | null = null;
  private latest: MessagingSnapshot | null = null;

  constructor(private readonly options: MessagingProbeOptions) {}

  /** A fresh snapshot (joins one being taken). */
  inspect(): Promise<MessagingSnapshot> {
    if (!this.inFlight) {
      this.inFlight = this.take().finally(() => {
        this.inFlight = null;
      });
      this.inFlight.then(
        (snapshot) => {
          this.latest = snapshot;
        },
        () => undefined,
      );
    }
    return this.inFlight;
  }

  /** The last snapshot when it is younger than `maxAgeMs`, else a fresh one (one scrape asks many times). */
  async recent(maxAgeMs: number): Promise<MessagingSnapshot> {
    if (this.latest && Date.now() - this.latest.takenAt.getTime() <= maxAgeMs) return this.latest;
    return this.inspect();
  }

  private async take(): Promise<MessagingSnapshot> {
    const { service, prefix, db } = this.options;
    const timeoutMs = this.options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    const runtime = this.options.runtime();
    const takenAt = new Date();
    const database = observe(async () => {
      await db.$queryRawUnsafe('SELECT 1');
      return true as const;
    }, timeoutMs);
    if (!runtime) {
      return {
        service,
        takenAt,
        started: false,
        database: await database,
        nats: { ok: false, error: 'event messaging is not running' },
        outbox: null,
        consumers: [],
        stream: null,
      };
    }
    let connection: MessagingRuntime['nats'] | null = null;
    try {
      connection = runtime.nats;
    } catch {
      connection = null;
    }
    const nats = observe(async () => {
      if (!connection || connection.nc.isClosed()) throw new Error('the events connection is closed');
      await connection.nc.rtt();
      return true as const;
    }, timeoutMs);
    const runners = runtime.consumerRunners;
    const held =
      runners.length > 0 ? observe(() => HeldEventRepository.statsByConsumer(db), timeoutMs) : null;
    const parked =
      runners.length > 0
        ? observe(() => new DeadLetterRepository(db).countParkedByConsumer(), timeoutMs)
        : null;
    const consumers = Promise.all(
      runners.map(async (runner): Promise<ConsumerSnapshot> => {
        const jetstream = await observe(async () => {
          if (!connection) throw new Error('the events connection is closed');
          const info = await connection.jsm.consumers.info(runner.stream, runner.durableName);
          return { pending: info.num_pending, ackPending: info.num_ack_pending };
        }, timeoutMs);
        const heldRows = held ? await held : null;
        const parkedRows = parked ? await parked : null;
        return {
          name: runner.durableName,
          stream: runner.stream,
          consuming: runner.consuming,
          stats: { ...runner.stats },
          held: pick(heldRows, runner.durableName, { held: 0, oldestAgeSeconds: 0 }),
          parkedDeadLetters: pick(parkedRows, runner.durableName, 0),
          jetstream,
        };
      }),
    );
    const relay = runtime.relay;
    const ownStream = isProducer(service) ? streamName(prefix, service) : null;
    const outbox: Promise<OutboxSnapshot | null> =
      ownStream && relay
        ? observe(() => OutboxRepository.backlog(db), timeoutMs).then((backlog) => ({
            stream: ownStream,
            relayRunning: relay.isRunning,
            stats: { ...relay.stats },
            backlog,
          }))
        : Promise.resolve(null);
    const stream: Promise<StreamSnapshot | null> = isProducer(service)
      ? observe(async () => {
          if (!connection) throw new Error('the events connection is closed');
          return this.driftOf(connection, service, runtime);
        }, timeoutMs).then((drift) => ({ stream: streamName(prefix, service), drift }))
      : Promise.resolve(null);
    return {
      service,
      takenAt,
      started: true,
      database: await database,
      nats: await nats,
      outbox: await outbox,
      consumers: await consumers,
      stream: await stream,
    };
  }

  /** The live stream against the configured one; a field the runtime could not update keeps the reason it gave. */
  private async driftOf(
    connection: MessagingRuntime['nats'],
    service: ProducingServiceName,
    runtime: MessagingRuntime,
  ): Promise<StreamDrift[]> {
    const drift = await inspectStreamDrift(connection.jsm, {
      prefix: this.options.prefix,
      service,
      settings: this.options.stream ?? DEFAULT_EVENT_STREAM_SETTINGS,
    });
    const atStart = new Map((runtime.ownStream?.drift ?? []).map((known) => [known.field, known.reason]));
    return drift.map((found) => ({ ...found, reason: atStart.get(found.field) ?? found.reason }));
  }
}

function pick<T>(rows: Observed<Map<string, T>> | null, key: string, none: T): Observed<T> {
  if (!rows) return { ok: true, value: none };
  if (!rows.ok) return rows;
  return { ok: true, value: rows.value.get(key) ?? none };
}
