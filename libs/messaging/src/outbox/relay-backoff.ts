import type { LoggerService } from '@nestjs/common';
import { isDatabaseUnavailable } from '../database-unavailable';

export interface RelayBackoffOptions {
  /** First pause after a failed pass (the relay's poll interval). */
  initialMs: number;
  /** Longest pause (OUTBOX_RETRY_MAX_MS). */
  maxMs: number;
}

type Failure =
  | { kind: 'database' | 'pass'; error: unknown }
  | { kind: 'publish'; eventId: string; error: unknown };

/**
 * How the outbox relay paces itself while PostgreSQL or NATS fails: the pause after each failed
 * pass doubles from the poll interval up to OUTBOX_RETRY_MAX_MS, and it logs one line when
 * failing starts (or its cause changes) and one when a pass succeeds again — not one line per
 * poll. A kick (a commit, NATS reconnecting) still wakes the relay at once.
 */
export class RelayBackoff {
  private consecutive = 0;
  private failingSince: number | null = null;
  private currentKind: Failure['kind'] | null = null;
  private failureInPass: Failure | null = null;

  constructor(
    private readonly logger: Pick<LoggerService, 'warn' | 'log'>,
    private readonly options: RelayBackoffOptions,
    private readonly now: () => number = Date.now,
  ) {}

  get failing(): boolean {
    return this.failingSince !== null;
  }

  /** The pass itself failed (no database connection, transaction error). */
  passFailed(error: unknown): void {
    this.failureInPass = { kind: isDatabaseUnavailable(error) ? 'database' : 'pass', error };
  }

  /** Publishing one event failed; it stays in the outbox and the pass ends. */
  publishFailed(eventId: string, error: unknown): void {
    this.failureInPass = { kind: 'publish', eventId, error };
  }

  /**
   * Call after every pass: the pause before the next pass when this one failed, or null when it
   * went through (the relay then polls as usual).
   */
  endPass(): number | null {
    const failure = this.failureInPass;
    this.failureInPass = null;
    if (!failure) {
      if (this.failingSince !== null) {
        const seconds = ((this.now() - this.failingSince) / 1000).toFixed(1);
        this.logger.log(
          `Outbox relay recovered after ${this.consecutive} failed pass(es) over ${seconds} s; publishing again`,
        );
      }
      this.consecutive = 0;
      this.failingSince = null;
      this.currentKind = null;
      return null;
    }
    this.consecutive += 1;
    this.failingSince ??= this.now();
    const pauseMs = Math.min(
      this.options.maxMs,
      this.options.initialMs * 2 ** Math.min(this.consecutive - 1, 30),
    );
    if (failure.kind !== this.currentKind) {
      this.currentKind = failure.kind;
      this.logger.warn(`${describe(failure)}; retrying with back-off (up to every ${this.options.maxMs} ms)`);
    }
    return pauseMs;
  }
}

function describe(failure: Failure): string {
  const reason = messageOf(failure.error);
  switch (failure.kind) {
    case 'database':
      return `Outbox relay cannot reach PostgreSQL (${reason})`;
    case 'publish':
      return `Outbox relay cannot publish to JetStream (${reason}); event ${failure.eventId} and later ones wait in the outbox`;
    default:
      return `Outbox relay pass failed (${reason})`;
  }
}

function messageOf(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.trim().split('\n').filter(Boolean).pop() ?? text;
}
