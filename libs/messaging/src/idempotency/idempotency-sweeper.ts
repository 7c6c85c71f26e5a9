import { Logger } from '@nestjs/common';
import type { SqlClient } from '../sql-client';
import { IdempotencyRepository } from './idempotency.repository';

export interface IdempotencySweeperOptions {
  /** Keys are kept at least this long (IDEMPOTENCY_RETENTION_MS); a retry after that is a new request. */
  retentionMs: number;
  /** How often expired keys are deleted (IDEMPOTENCY_SWEEP_INTERVAL_MS). */
  intervalMs: number;
  batchSize?: number;
}

/** Deletes idempotency keys older than the retention period, in batches, on a timer. */
export class IdempotencySweeper {
  private readonly logger = new Logger('IdempotencySweeper');
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<unknown> | null = null;

  constructor(
    private readonly db: SqlClient,
    private readonly options: IdempotencySweeperOptions,
  ) {}

  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => {
      if (this.running) return;
      this.running = this.sweepOnce()
        .catch((error: unknown) => this.logger.warn(`Sweeping idempotency keys failed: ${String(error)}`))
        .finally(() => {
          this.running = null;
        });
    }, this.options.intervalMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running;
  }

  /** Deletes every expired key; returns how many. */
  async sweepOnce(now: Date = new Date()): Promise<number> {
    const before = new Date(now.getTime() - this.options.retentionMs);
    const batchSize = this.options.batchSize ?? 1000;
    let total = 0;
    for (;;) {
      const deleted = await IdempotencyRepository.deleteOlderThan(this.db, before, batchSize);
      total += deleted;
      if (deleted < batchSize) return total;
    }
  }
}
