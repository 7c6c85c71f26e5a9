import { Logger } from '@nestjs/common';
import { PRODUCING_SERVICES, type DataServiceName, type ProducingServiceName } from '@gongkai/contracts';
import { STREAMS_READ } from './bus/bus-permissions';
import { natsAuthOptions, type NatsCredentials } from './bus/nats-credentials';
import { connectJetStream, type JetStreamConnection } from './jetstream/jetstream-connection';
import { EventPublisher } from './jetstream/event-publisher';
import {
  ensureEventStream,
  provisionEventStream,
  type EventStreamProvision,
} from './jetstream/stream-provisioner';
import type { EventStreamSettings } from './jetstream/stream-settings';
import { OutboxRelay } from './outbox/outbox.relay';
import { connectionStateOf } from './rpc/connection-state';
import { ConsumerRunner } from './inbox/consumer-runner';
import { ConsumerSupervisor } from './inbox/consumer-supervisor';
import { InboxProcessor } from './inbox/inbox.processor';
import type { EventConsumer } from './inbox/event-consumer';
import { DeadLetterRepository } from './dead-letters/dead-letter.repository';
import { DeadLetterService } from './dead-letters/dead-letter.service';
import type { SqlClient, TransactionalSqlClient } from './sql-client';
import { RetentionSweeper, type RetentionOptions } from './retention/retention.sweeper';

export interface MessagingRuntimeOptions<TTx extends SqlClient> {
  service: DataServiceName;
  /** `credentials`: the service's own NATS user (NATS_USER / NATS_PASSWORD); none = no login. */
  nats: { url: string; prefix: string; credentials?: NatsCredentials };
  db: TransactionalSqlClient<TTx>;
  /** `retryMaxMs`: longest pause between relay passes while PostgreSQL or NATS fails. */
  relay: { pollMs: number; batchSize: number; retryMaxMs?: number };
  retry: { maxDeliver: number; backoffMs: number[]; ackWaitMs: number };
  /** Each consumed event's transaction may run this long. */
  transactionTimeoutMs?: number;
  /** Omit to keep every row (tests that inspect the tables). */
  retention?: RetentionOptions;
  consumers: EventConsumer<TTx>[];
  /** How the service's own stream is kept (storage, replicas, limits); defaults keep every event on one replica. */
  stream?: EventStreamSettings;
  /** How often the supervisor checks that every durable consumer still exists (default 30 s). */
  consumerCheckIntervalMs?: number;
}

function isProducer(service: DataServiceName): service is ProducingServiceName {
  return (PRODUCING_SERVICES as readonly string[]).includes(service);
}

/** One service's event plumbing: its stream, outbox relay, durable consumers and dead letters. */
export class MessagingRuntime<TTx extends SqlClient = SqlClient> {
  private readonly logger = new Logger(MessagingRuntime.name);
  private connection: JetStreamConnection | null = null;
  private relayInstance: OutboxRelay | null = null;
  private readonly runners: ConsumerRunner[] = [];
  private retentionSweeper: RetentionSweeper | null = null;
  private streamProvision: EventStreamProvision | null = null;
  private supervisor: ConsumerSupervisor | null = null;
  private readonly processors = new Map<string, InboxProcessor<TTx>>();
  readonly deadLetters: DeadLetterService;

  constructor(private readonly options: MessagingRuntimeOptions<TTx>) {
    for (const consumer of options.consumers) {
      // The service's NATS user may read only these streams, and its own (libs/messaging/src/bus).
      if (consumer.source !== options.service && !STREAMS_READ[options.service].includes(consumer.source)) {
        throw new Error(
          `Consumer ${consumer.name} reads the ${consumer.source} stream, which ${options.service} may not read: ` +
            `add it to STREAMS_READ in libs/messaging/src/bus/bus-permissions.ts and regenerate tools/docker/nats-users.conf`,
        );
      }
      const key = this.durableNameOf(consumer);
      if (this.processors.has(key)) throw new Error(`Two consumers are named ${consumer.name}`);
      this.processors.set(
        key,
        new InboxProcessor(options.db, key, consumer, {
          transactionTimeoutMs: options.transactionTimeoutMs ?? 60_000,
          // A consumer that emits (catalogue publishing an approved task, rounds following an
          // item) hands its events on at once, not at the relay's next poll.
          onEventsEmitted: () => this.kick(),
        }),
      );
    }
    this.deadLetters = new DeadLetterService(
      new DeadLetterRepository(options.db),
      this.processors as ReadonlyMap<string, InboxProcessor>,
    );
  }

  get relay(): OutboxRelay | null {
    return this.relayInstance;
  }

  get consumerRunners(): readonly ConsumerRunner[] {
    return this.runners;
  }

  /** What start() found and did to the service's own stream (null for a service that publishes no events). */
  get ownStream(): EventStreamProvision | null {
    return this.streamProvision;
  }

  get nats(): JetStreamConnection {
    if (!this.connection) throw new Error('Messaging has not started');
    return this.connection;
  }

  async start(): Promise<void> {
    const { service, nats } = this.options;
    this.connection = await connectJetStream({
      url: nats.url,
      name: `${service}-events`,
      auth: natsAuthOptions(service, nats.credentials),
    });
    const connection = this.connection;
    // After a reconnect or when it vanished (a wiped store): create it again, never change a live one.
    const ensureOwnStreams = async () => {
      if (isProducer(service))
        await ensureEventStream(connection.jsm, {
          prefix: nats.prefix,
          service,
          settings: this.options.stream,
        });
    };
    if (isProducer(service)) {
      this.streamProvision = await provisionEventStream(this.connection.jsm, {
        prefix: nats.prefix,
        service,
        settings: this.options.stream,
        manage: true,
      });
      this.relayInstance = new OutboxRelay(
        this.options.db,
        new EventPublisher(this.connection.js, nats.prefix),
        { ...this.options.relay, isConnected: () => connectionStateOf(connection.nc).connected },
      );
      this.relayInstance.start();
    }
    const failedAtBoot: ConsumerRunner[] = [];
    for (const consumer of this.options.consumers) {
      const durableName = this.durableNameOf(consumer);
      const runner = new ConsumerRunner(
        this.connection,
        durableName,
        consumer as EventConsumer,
        this.processors.get(durableName) as unknown as InboxProcessor,
        new DeadLetterRepository(this.options.db),
        { prefix: nats.prefix, ...this.options.retry, stream: this.options.stream },
      );
      try {
        await runner.start();
      } catch (error) {
        // A JetStream API call that timed out on a starved machine, a stream another app has not
        // finished creating: the supervisor keeps trying with back-off; the service boots and
        // says not-ready until the consumer runs, instead of exiting and booting all over again.
        this.logger.warn(
          `Consumer ${durableName} cannot start yet (${String(error)}); retrying in the background`,
        );
        failedAtBoot.push(runner);
      }
      this.runners.push(runner);
    }
    if (this.options.retention) {
      this.retentionSweeper = new RetentionSweeper(this.options.db, this.options.retention);
      this.retentionSweeper.start();
    }
    this.supervisor = new ConsumerSupervisor({
      nc: connection.nc,
      jsm: connection.jsm,
      consumers: this.runners,
      ensureOwnStreams,
      onReconnect: () => this.relayInstance?.kick(),
      checkIntervalMs: this.options.consumerCheckIntervalMs,
    });
    this.supervisor.start();
    for (const runner of failedAtBoot) void this.supervisor.heal(runner, 'it could not start at boot');
    this.logger.log(
      `Events ready for ${service}: ${this.relayInstance ? 'relay on, ' : ''}${this.runners.length} consumer(s)`,
    );
  }

  /** Publish what was just committed without waiting for the next poll. */
  kick(): void {
    this.relayInstance?.kick();
  }

  /** Restarts consumers after NATS reconnects and when they vanish (null before start). */
  get consumerSupervisor(): ConsumerSupervisor | null {
    return this.supervisor;
  }

  async stop(): Promise<void> {
    this.retentionSweeper?.stop();
    this.retentionSweeper = null;
    await this.supervisor?.stop();
    this.supervisor = null;
    await Promise.all(this.runners.splice(0).map((runner) => runner.stop()));
    await this.relayInstance?.stop();
    this.relayInstance = null;
    await this.connection?.close();
    this.connection = null;
  }

  private durableNameOf(consumer: EventConsumer<TTx>): string {
    return `${this.options.service}-${consumer.name}`;
  }
}
