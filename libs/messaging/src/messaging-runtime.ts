import { Logger } from '@nestjs/common';
import { PRODUCING_SERVICES, type DataServiceName, type ProducingServiceName } from '@gongkai/contracts';
import { connectJetStream, type JetStreamConnection } from './jetstream/jetstream-connection';
import { EventPublisher } from './jetstream/event-publisher';
import { ensureEventStream } from './jetstream/stream-provisioner';
import { OutboxRelay } from './outbox/outbox.relay';
import { ConsumerRunner } from './inbox/consumer-runner';
import { ConsumerSupervisor } from './inbox/consumer-supervisor';
import { InboxProcessor } from './inbox/inbox.processor';
import type { EventConsumer } from './inbox/event-consumer';
import { DeadLetterRepository } from './dead-letters/dead-letter.repository';
import { DeadLetterService } from './dead-letters/dead-letter.service';
import type { SqlClient, TransactionalSqlClient } from './sql-client';

export interface MessagingRuntimeOptions<TTx extends SqlClient> {
  service: DataServiceName;
  nats: { url: string; prefix: string };
  db: TransactionalSqlClient<TTx>;
  /** `retryMaxMs`: longest pause between relay passes while PostgreSQL or NATS fails. */
  relay: { pollMs: number; batchSize: number; retryMaxMs?: number };
  retry: { maxDeliver: number; backoffMs: number[]; ackWaitMs: number };
  consumers: EventConsumer<TTx>[];
  /** Timeout of a consumer's transaction (CONSUMER_TX_TIMEOUT_MS); Prisma's default is 5 s. */
  consumerTxTimeoutMs?: number;
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
  private supervisor: ConsumerSupervisor | null = null;
  private readonly processors = new Map<string, InboxProcessor<TTx>>();
  readonly deadLetters: DeadLetterService;

  constructor(private readonly options: MessagingRuntimeOptions<TTx>) {
    for (const consumer of options.consumers) {
      const key = this.durableNameOf(consumer);
      if (this.processors.has(key)) throw new Error(`Two consumers are named ${consumer.name}`);
      const txOptions = { timeout: options.consumerTxTimeoutMs ?? 60_000 };
      this.processors.set(key, new InboxProcessor(options.db, key, consumer, txOptions));
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

  get nats(): JetStreamConnection {
    if (!this.connection) throw new Error('Messaging has not started');
    return this.connection;
  }

  async start(): Promise<void> {
    const { service, nats } = this.options;
    this.connection = await connectJetStream({ url: nats.url, name: `${service}-events` });
    const connection = this.connection;
    const ensureOwnStreams = async () => {
      if (isProducer(service)) await ensureEventStream(connection.jsm, { prefix: nats.prefix, service });
    };
    if (isProducer(service)) {
      await ensureOwnStreams();
      this.relayInstance = new OutboxRelay(
        this.options.db,
        new EventPublisher(this.connection.js, nats.prefix),
        this.options.relay,
      );
      this.relayInstance.start();
    }
    for (const consumer of this.options.consumers) {
      const durableName = this.durableNameOf(consumer);
      const runner = new ConsumerRunner(
        this.connection,
        durableName,
        consumer as EventConsumer,
        this.processors.get(durableName) as unknown as InboxProcessor,
        new DeadLetterRepository(this.options.db),
        { prefix: nats.prefix, ...this.options.retry },
      );
      await runner.start();
      this.runners.push(runner);
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
