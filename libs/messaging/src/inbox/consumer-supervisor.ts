import { Logger } from '@nestjs/common';
import type { NatsConnection } from '@nats-io/transport-node';
import type { JetStreamManager } from '@nats-io/jetstream';

/** What the supervisor restarts: a ConsumerRunner (start re-ensures its stream and durable consumer). */
export interface SupervisedConsumer {
  readonly stream: string;
  readonly durableName: string;
  /** False once its pull loop has ended. */
  readonly consuming?: boolean;
  /** When it last received a message, or started (ms since the epoch). */
  readonly lastActivityAt?: number;
  start(): Promise<void>;
  stop(): Promise<void>;
}

export interface ConsumerSupervisorOptions {
  nc: NatsConnection;
  jsm: JetStreamManager;
  consumers: readonly SupervisedConsumer[];
  /** Re-creates the streams this service publishes into when they are missing. */
  ensureOwnStreams?: () => Promise<unknown>;
  /** Called once NATS is back (e.g. to kick the outbox relay). */
  onReconnect?: () => void;
  /** How often to check that every durable consumer still exists and consumes (default 10 s). */
  checkIntervalMs?: number;
  /**
   * A consumer with messages waiting in JetStream, none in flight, that has received nothing for
   * this long is restarted (default 20 s): a pull loop can outlive a reconnect without pulling.
   */
  stalledAfterMs?: number;
  /** Longest pause between attempts to restart a consumer (default 10 s). */
  retryMaxMs?: number;
}

/**
 * Keeps a service's durable consumers consuming across NATS outages.
 *
 * @nats-io/jetstream 3.4's `consume()` resumes by itself after a reconnect only when its first
 * consumer-info request afterwards succeeds; if that fails it waits up to `expires` (30 s), and if
 * the consumer or its stream is gone (a server whose store was lost, a consumer deleted by hand)
 * it only reports `consumer_not_found` / `stream_not_found` for ever and never re-creates them.
 * So after every reconnect the supervisor re-ensures the service's own stream and restarts each
 * consumer (runner.stop + runner.start: stream and durable re-ensured, a fresh pull loop;
 * unacknowledged messages are redelivered and the inbox drops any copy), retrying with capped
 * back-off until it works; and every `checkIntervalMs` it restarts any consumer that vanished
 * while connected. One log line per restart and per recovery.
 */
export class ConsumerSupervisor {
  private readonly logger = new Logger(ConsumerSupervisor.name);
  private stopped = false;
  private timer: NodeJS.Timeout | null = null;
  private readonly healing = new Map<SupervisedConsumer, Promise<void>>();
  private readonly rerun = new Set<SupervisedConsumer>();
  private wakeWaiters = new Set<() => void>();

  constructor(private readonly options: ConsumerSupervisorOptions) {}

  start(): void {
    void this.watchConnection().catch((error: unknown) =>
      this.logger.error(`Stopped watching the NATS connection: ${describe(error)}`),
    );
    const interval = this.options.checkIntervalMs ?? 10_000;
    this.timer = setInterval(() => void this.check(), interval);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    for (const wake of this.wakeWaiters) wake();
    await Promise.allSettled([...this.healing.values()]);
    // The status iterator ends when the connection closes.
  }

  /** Re-ensures the own streams, then restarts every consumer that vanished, stopped or stalled. */
  async check(): Promise<void> {
    if (this.stopped || this.options.nc.isClosed()) return;
    try {
      await this.options.ensureOwnStreams?.();
    } catch {
      // NATS not reachable now: the reconnect will do it.
    }
    for (const consumer of this.options.consumers) {
      if (this.healing.has(consumer)) continue;
      if (consumer.consuming === false) {
        void this.heal(consumer, 'its pull loop ended');
        continue;
      }
      try {
        const info = await this.options.jsm.consumers.info(consumer.stream, consumer.durableName);
        const quietMs = Date.now() - (consumer.lastActivityAt ?? Date.now());
        if (
          info.num_pending > 0 &&
          info.num_ack_pending === 0 &&
          quietMs > (this.options.stalledAfterMs ?? 20_000)
        ) {
          void this.heal(
            consumer,
            `${info.num_pending} event(s) waiting and nothing received for ${Math.round(quietMs / 1000)} s`,
          );
        }
      } catch (error) {
        if (isMissing(error)) void this.heal(consumer, describe(error));
      }
    }
  }

  /** Restarts one consumer (serialised per consumer; a request during a restart runs it again). */
  heal(consumer: SupervisedConsumer, reason: string): Promise<void> {
    const running = this.healing.get(consumer);
    if (running) {
      this.rerun.add(consumer);
      return running;
    }
    const work = this.restart(consumer, reason).finally(() => {
      this.healing.delete(consumer);
      if (this.rerun.delete(consumer) && !this.stopped) void this.heal(consumer, reason);
    });
    this.healing.set(consumer, work);
    return work;
  }

  private async restart(consumer: SupervisedConsumer, reason: string): Promise<void> {
    this.logger.log(`Restarting consumer ${consumer.durableName} on ${consumer.stream}: ${reason}`);
    const startedAt = Date.now();
    let pauseMs = 250;
    for (let attempt = 1; !this.stopped; attempt += 1) {
      try {
        await consumer.stop();
        await consumer.start();
        if (attempt > 1) {
          this.logger.log(
            `Consumer ${consumer.durableName} consuming again after ${attempt} attempts (${Date.now() - startedAt} ms)`,
          );
        }
        return;
      } catch (error) {
        if (attempt === 1) {
          this.logger.warn(
            `Consumer ${consumer.durableName} cannot restart yet (${describe(error)}); retrying with back-off`,
          );
        }
        await this.pause(pauseMs);
        pauseMs = Math.min(pauseMs * 2, this.options.retryMaxMs ?? 10_000);
      }
    }
  }

  private async watchConnection(): Promise<void> {
    for await (const status of this.options.nc.status()) {
      if (this.stopped) return;
      if (status.type !== 'reconnect') continue;
      this.options.onReconnect?.();
      try {
        await this.options.ensureOwnStreams?.();
      } catch (error) {
        this.logger.warn(`Cannot re-ensure the event stream after reconnecting: ${describe(error)}`);
      }
      for (const consumer of this.options.consumers) void this.heal(consumer, 'NATS reconnected');
    }
  }

  private pause(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.wakeWaiters.delete(done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.wakeWaiters.add(done);
    });
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function isMissing(error: unknown): boolean {
  return /(consumer|stream) not found/i.test(describe(error));
}
