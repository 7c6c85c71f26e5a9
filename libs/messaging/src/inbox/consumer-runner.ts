import { Logger } from '@nestjs/common';
import { AckPolicy, DeliverPolicy, type ConsumerMessages, type JsMsg } from '@nats-io/jetstream';
import { nanos } from '@nats-io/transport-node';
import type { JetStreamConnection } from '../jetstream/jetstream-connection';
import { ensureEventStream } from '../jetstream/stream-provisioner';
import type { EventStreamSettings } from '../jetstream/stream-settings';
import { streamName } from '../naming';
import { prefixSubject } from '../rpc/prefix';
import type { DeadLetterRepository } from '../dead-letters/dead-letter.repository';
import type { InboxProcessor } from './inbox.processor';
import type { EventConsumer } from './event-consumer';
import { PoisonMessageError } from './poison-message.error';
import { decideAfterFailure, type RetryPolicy } from './retry-policy';
import { faultPoint } from '../faults/fault-hook';
import { isDatabaseUnavailable } from '../database-unavailable';

/** How long stop() waits for the pull loop to end. */
const STOP_WAIT_MS = 5000;

export interface ConsumerRunnerOptions extends RetryPolicy {
  prefix: string;
  ackWaitMs: number;
  /** How often an ordered consumer tries its held events again (a safety net: release is normally immediate). */
  heldSweepMs?: number;
  /** How to create the source stream if its producer has not yet (the producer manages it). */
  stream?: EventStreamSettings;
}

export interface ConsumerStats {
  applied: number;
  duplicates: number;
  retried: number;
  deadLettered: number;
  held: number;
  /** When this consumer last applied an event (ms since the epoch), or null. */
  lastAppliedAt: number | null;
}

/**
 * Runs one durable pull consumer with explicit acks: applies each message through the inbox,
 * acks it, retries failures with back-off and parks a message as a dead letter after the last try.
 */
export class ConsumerRunner {
  private readonly logger: Logger;
  private messages: ConsumerMessages | null = null;
  private loop: Promise<void> | null = null;
  private sweepTimer: NodeJS.Timeout | null = null;
  private loopRunning = false;
  private lastActivity = Date.now();
  readonly stats: ConsumerStats = {
    applied: 0,
    duplicates: 0,
    retried: 0,
    deadLettered: 0,
    held: 0,
    lastAppliedAt: null,
  };

  constructor(
    private readonly connection: JetStreamConnection,
    readonly durableName: string,
    private readonly consumer: EventConsumer,
    private readonly processor: InboxProcessor,
    private readonly deadLetters: DeadLetterRepository,
    private readonly options: ConsumerRunnerOptions,
  ) {
    this.logger = new Logger(`Consumer ${durableName}`);
  }

  /** True while the consume loop runs (false before start, after stop, and once the loop has ended on its own). */
  /** When this runner last received a message, or started (ms since the epoch). */
  get lastActivityAt(): number {
    return this.lastActivity;
  }

  get consuming(): boolean {
    return this.loopRunning;
  }

  get stream(): string {
    return streamName(this.options.prefix, this.consumer.source);
  }

  async start(): Promise<void> {
    // The producer may not have booted yet: the stream's config is the same from either side.
    // Under per-app NATS users only the producer may create it; the supervisor then retries.
    await ensureEventStream(this.connection.jsm, {
      prefix: this.options.prefix,
      service: this.consumer.source,
      settings: this.options.stream,
    }).catch((error: unknown) => {
      if (!/Permissions Violation/i.test(String(error))) throw error;
      throw new Error(
        `the ${this.stream} stream does not exist yet, and only ${this.consumer.source} may create it`,
      );
    });
    const config = {
      durable_name: this.durableName,
      ack_policy: AckPolicy.Explicit,
      deliver_policy: DeliverPolicy.All,
      filter_subject: prefixSubject(this.options.prefix, this.consumer.filter),
      ack_wait: nanos(this.options.ackWaitMs),
      // We count deliveries ourselves and park the message; JetStream must not drop it first.
      max_deliver: -1,
    };
    const exists = await this.connection.jsm.consumers.info(this.stream, this.durableName).then(
      () => true,
      () => false,
    );
    if (exists) {
      await this.connection.jsm.consumers.update(this.stream, this.durableName, {
        ack_wait: config.ack_wait,
        max_deliver: config.max_deliver,
        filter_subject: config.filter_subject,
      });
    } else {
      await this.connection.jsm.consumers.add(this.stream, config);
    }
    const jsConsumer = await this.connection.js.consumers.get(this.stream, this.durableName);
    this.messages = await jsConsumer.consume({ max_messages: 64 });
    const messages = this.messages;
    this.loopRunning = true;
    this.lastActivity = Date.now();
    this.loop = (async () => {
      for await (const message of messages) await this.handle(message);
    })()
      .catch((error: unknown) => this.logger.error(`Consumer loop ended: ${String(error)}`))
      .finally(() => {
        this.loopRunning = false;
      });
    if (this.processor.ordered) this.scheduleHeldSweep();
  }

  async stop(): Promise<void> {
    if (this.sweepTimer) clearTimeout(this.sweepTimer);
    this.sweepTimer = null;
    // Bounded: a pull loop left over from a lost connection may never finish closing. A message
    // it still handles is safe (inbox, positions), and a fresh loop must not wait for it.
    const stopped = Promise.allSettled([this.messages?.close(), this.loop]);
    await Promise.race([stopped, new Promise((resolve) => setTimeout(resolve, STOP_WAIT_MS).unref())]);
    this.messages = null;
    this.loop = null;
  }

  private async handle(message: JsMsg): Promise<void> {
    this.lastActivity = Date.now();
    const raw = message.string();
    try {
      const { outcome } = await this.processor.process(raw, {
        subject: message.subject,
        streamSeq: BigInt(message.seq),
      });
      if (outcome === 'applied') {
        this.stats.applied += 1;
        this.stats.lastAppliedAt = Date.now();
      }
      if (outcome === 'duplicate') this.stats.duplicates += 1;
      // A held event is safe in the database; acking it lets the events it waits for through.
      if (outcome === 'held') this.stats.held += 1;
      if (outcome === 'applied') faultPoint('consumer.after-commit');
      // If this ack is lost, the redelivery finds the inbox row and is a no-op.
      message.ack();
    } catch (error) {
      await this.handleFailure(message, raw, error);
    }
  }

  private scheduleHeldSweep(): void {
    this.sweepTimer = setTimeout(() => {
      this.processor
        .releaseAllHeld()
        .catch((error: unknown) => this.logger.warn(`Releasing held events failed: ${String(error)}`))
        .finally(() => {
          if (this.sweepTimer) this.scheduleHeldSweep();
        });
    }, this.options.heldSweepMs ?? 30_000);
    this.sweepTimer.unref();
  }

  private async handleFailure(message: JsMsg, raw: string, error: unknown): Promise<void> {
    const deliveryCount = message.info.deliveryCount;
    const poison = error instanceof PoisonMessageError;
    const reason = describe(error);
    if (!poison && isDatabaseUnavailable(error)) {
      // The database is down, not the event bad: no count of tries makes it a dead letter (an
      // outage longer than the retries parked good events once the database was back). Retry at
      // the longest back-off until the database answers.
      this.stats.retried += 1;
      this.logger.warn(
        `Delivery ${deliveryCount} of stream seq ${message.seq} waits for the database: ${reason}`,
      );
      message.nak(this.options.backoffMs[this.options.backoffMs.length - 1] ?? 1000);
      return;
    }
    const decision = decideAfterFailure(this.options, { deliveryCount, poison });
    if (decision.kind === 'retry') {
      this.stats.retried += 1;
      this.logger.warn(`Delivery ${deliveryCount} of stream seq ${message.seq} failed, retrying: ${reason}`);
      message.nak(decision.delayMs);
      return;
    }
    try {
      const { eventId, eventType } = peekIdentity(raw);
      await this.deadLetters.park({
        consumer: this.processor.consumerKey,
        stream: this.stream,
        subject: message.subject,
        streamSeq: message.seq,
        eventId,
        eventType,
        rawMessage: raw,
        error: reason,
        deliveries: deliveryCount,
      });
      this.stats.deadLettered += 1;
      this.logger.error(
        `Parked stream seq ${message.seq} as a dead letter after ${deliveryCount} tries: ${reason}`,
      );
      // The reason travels in the ack protocol line: a newline (Prisma errors have several) would void the term.
      message.term(reason.replace(/\s+/g, ' ').slice(0, 200));
    } catch (parkError) {
      this.logger.error(`Could not park a dead letter, will retry: ${String(parkError)}`);
      message.nak(this.options.backoffMs[this.options.backoffMs.length - 1] ?? 1000);
    }
  }
}

function describe(error: unknown): string {
  if (error instanceof PoisonMessageError && error.details !== undefined) {
    return `${error.message}: ${JSON.stringify(error.details)}`;
  }
  return error instanceof Error ? error.message : String(error);
}

function peekIdentity(raw: string): { eventId: string | null; eventType: string | null } {
  try {
    const value = JSON.parse(raw) as { id?: unknown; type?: unknown; version?: unknown };
    return {
      eventId: typeof value.id === 'string' ? value.id : null,
      eventType: typeof value.type === 'string' ? `${value.type}.v${String(value.version)}` : null,
    };
  } catch {
    return { eventId: null, eventType: null };
  }
}
