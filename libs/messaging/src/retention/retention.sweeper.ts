import { Logger } from '@nestjs/common';
import type { SqlClient } from '../sql-client';
import { OutboxRepository } from '../outbox/outbox.repository';

export interface RetentionOptions {
  /** Published outbox rows are kept this long (JetStream keeps the events themselves for good). */
  outboxRetentionMs: number;
  /**
   * Inbox rows are kept this long: longer than any redelivery can come (ack wait × tries, a
   * relay re-publishing after a crash, a dead letter replayed). Ordered consumers also refuse an
   * old version by their positions, so for them the inbox is a second guard.
   */
  inboxRetentionMs: number;
  sweepEveryMs: number;
}

/** Removes what is no longer needed from the outbox and inbox, on a timer. */
export class RetentionSweeper {
  private readonly logger = new Logger(RetentionSweeper.name);
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly db: SqlClient,
    private readonly options: RetentionOptions,
  ) {}

  start(): void {
    this.timer = setInterval(
      () =>
        void this.sweepOnce().catch((error: unknown) =>
          this.logger.warn(`Retention sweep failed: ${String(error)}`),
        ),
      this.options.sweepEveryMs,
    );
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  async sweepOnce(now: Date = new Date()): Promise<{ outbox: number; inbox: number }> {
    const outbox = await OutboxRepository.deletePublishedBefore(
      this.db,
      new Date(now.getTime() - this.options.outboxRetentionMs),
    );
    const inbox = await this.db.$executeRawUnsafe(
      `DELETE FROM "inbox" WHERE "processed_at" < $1::timestamptz`,
      new Date(now.getTime() - this.options.inboxRetentionMs).toISOString(),
    );
    return { outbox, inbox };
  }
}
