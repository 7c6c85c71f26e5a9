import { Logger } from '@nestjs/common';
import type { TransactionalSqlClient } from '../sql-client';
import type { EventPublisher } from '../jetstream/event-publisher';
import { OutboxRepository } from './outbox.repository';
import { RelayBackoff } from './relay-backoff';

export interface OutboxRelayOptions {
  pollMs: number;
  batchSize: number;
  /** Longest pause between passes while PostgreSQL or NATS fails (OUTBOX_RETRY_MAX_MS). */
  retryMaxMs?: number;
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

  /** One pass: publishes up to a batch of pending rows in order; returns how many were sent. */
  async relayOnce(): Promise<number> {
    return this.db.$transaction(
      async (tx) => {
        const rows = await OutboxRepository.lockPending(tx, this.options.batchSize);
        let sent = 0;
        for (const row of rows) {
          try {
            const result = await this.publisher.publish(row.subject, row.envelope);
            if (result.duplicate) this.stats.duplicates += 1;
            await OutboxRepository.markPublished(tx, row.seq);
            this.stats.published += 1;
            sent += 1;
          } catch (error) {
            this.stats.failures += 1;
            await OutboxRepository.recordFailure(tx, row.seq, String((error as Error)?.message ?? error));
            this.backoff.publishFailed(row.eventId, error);
            // Keep per-service order: later rows wait for this one.
            break;
          }
        }
        return sent;
      },
      { timeout: 60_000, maxWait: 10_000 },
    );
  }

  private async run(): Promise<void> {
    while (this.running) {
      let sent = 0;
      this.kicked = false;
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
