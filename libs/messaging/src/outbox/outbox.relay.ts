import { Logger } from '@nestjs/common';
import type { TransactionalSqlClient } from '../sql-client';
import type { EventPublisher } from '../jetstream/event-publisher';
import { OutboxRepository, type PendingOutboxRow } from './outbox.repository';
import { RelayBackoff } from './relay-backoff';
import { faultPoint } from '../faults/fault-hook';

export interface OutboxRelayOptions {
  pollMs: number;
  batchSize: number;
  /** Longest pause between passes while PostgreSQL or NATS fails (OUTBOX_RETRY_MAX_MS). */
  retryMaxMs?: number;
  /**
   * Whether the connection to NATS is up. While it is down the relay does not start a pass: a
   * publish would only wait out its timeout, and the pass after the reconnect would start late.
   * Whoever watches the connection kicks the relay when it is back.
   */
  isConnected?: () => boolean;
}

export interface RelayStats {
  published: number;
  duplicates: number;
  failures: number;
}

/**
 * Moves committed outbox rows to JetStream. A row is marked sent only after the publish ack;
 * if the process dies in between, the row is published again and JetStream's de-duplication
 * (Nats-Msg-Id = event id) drops the copy.
 */
export class OutboxRelay {
  private readonly logger = new Logger(OutboxRelay.name);
  private running = false;
  private loop: Promise<void> | null = null;
  private wake: (() => void) | null = null;
  /** A kick that came while a pass was running: run another pass at once instead of sleeping. */
  private kicked = false;
  readonly stats: RelayStats = { published: 0, duplicates: 0, failures: 0 };
  private readonly backoff: RelayBackoff;

  constructor(
    private readonly db: TransactionalSqlClient,
    private readonly publisher: EventPublisher,
    private readonly options: OutboxRelayOptions,
  ) {
    this.backoff = new RelayBackoff(this.logger, {
      initialMs: options.pollMs,
      maxMs: options.retryMaxMs ?? 5000,
    });
  }

  /** True between start() and stop(). */
  get isRunning(): boolean {
    return this.running;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.wake?.();
    await this.loop;
    this.loop = null;
  }

  /** Ask for a relay pass now (after a commit) instead of waiting for the next poll. */
  kick(): void {
    this.kicked = true;
    this.wake?.();
  }

  /**
   * One pass: publishes up to a batch of pending rows, oldest first, and returns how many were
   * sent. Only the replica holding the relay turn publishes (see OutboxRepository.tryTakeRelayTurn).
   * Publishes are pipelined on one connection, so JetStream stores them in the order they were
   * sent; the acknowledged rows are then marked sent in one statement. A row whose publish failed
   * stays unsent and goes out on a later pass; rows after it that were acknowledged are not held
   * back (consumers that depend on order wait for the missing version themselves).
   */
  async relayOnce(): Promise<number> {
    return this.db.$transaction(
      async (tx) => {
        if (!(await OutboxRepository.tryTakeRelayTurn(tx))) return 0;
        const rows = await OutboxRepository.pending(tx, this.options.batchSize);
        if (rows.length === 0) return 0;
        const results = await Promise.allSettled(
          rows.map((row) => this.publisher.publish(row.subject, row.envelope)),
        );
        const sent: bigint[] = [];
        for (const [index, result] of results.entries()) {
          const row = rows[index] as PendingOutboxRow;
          if (result.status === 'fulfilled') {
            if (result.value.duplicate) this.stats.duplicates += 1;
            sent.push(row.seq);
            continue;
          }
          this.stats.failures += 1;
          const reason = String((result.reason as Error)?.message ?? result.reason);
          await OutboxRepository.recordFailure(tx, row.seq, reason);
          this.backoff.publishFailed(row.eventId, result.reason);
        }
        if (sent.length > 0) faultPoint('relay.after-publish');
        await OutboxRepository.markPublished(tx, sent);
        this.stats.published += sent.length;
        return sent.length;
      },
      { timeout: 60_000, maxWait: 10_000 },
    );
  }

  private async run(): Promise<void> {
    while (this.running) {
      let sent = 0;
      this.kicked = false;
      if (this.options.isConnected && !this.options.isConnected()) {
        await this.sleep(this.options.pollMs);
        continue;
      }
      try {
        sent = await this.relayOnce();
      } catch (error) {
        this.backoff.passFailed(error);
      }
      const retryInMs = this.backoff.endPass();
      if (retryInMs !== null && this.running) await this.sleep(retryInMs);
      if (retryInMs !== null) continue;
      if (sent < this.options.batchSize && this.running && !this.kicked)
        await this.sleep(this.options.pollMs);
    }
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.wake = done;
    });
  }
}
