import {
  Inject,
  Injectable,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
  type Type,
} from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import type { DataServiceConfig } from '@gongkai/config';
import { MessagingRuntime, type EventConsumer, type TransactionalSqlClient } from '@gongkai/messaging';
import { SERVICE_CONFIG } from './service-config.token';

const HOUR_MS = 60 * 60 * 1000;
const DAY_MS = 24 * HOUR_MS;

export const MESSAGING_OPTIONS = Symbol('MESSAGING_OPTIONS');

export interface MessagingOptions {
  prisma: Type<TransactionalSqlClient>;
  consumers: Type<EventConsumer>[];
}

/**
 * Starts the service's event plumbing once every module is ready (consumers may depend on any
 * feature module) and stops it before the database connection closes.
 */
@Injectable()
export class MessagingLifecycle implements OnApplicationBootstrap, OnModuleDestroy {
  private instance: MessagingRuntime | null = null;
  private started = false;

  constructor(
    @Inject(SERVICE_CONFIG) private readonly config: DataServiceConfig,
    @Inject(MESSAGING_OPTIONS) private readonly options: MessagingOptions,
    private readonly moduleRef: ModuleRef,
  ) {}

  get runtime(): MessagingRuntime {
    if (!this.instance) throw new Error('Messaging has not started yet');
    return this.instance;
  }

  /** The runtime once it has started and until it stops, else null (for metrics and readiness). */
  get startedRuntime(): MessagingRuntime | null {
    return this.started ? this.instance : null;
  }

  /** Publish what the caller just committed without waiting for the relay's next poll. */
  kick(): void {
    this.instance?.kick();
  }

  async onApplicationBootstrap(): Promise<void> {
    const db = this.moduleRef.get(this.options.prisma, { strict: false });
    const consumers = this.options.consumers.map((type) => this.moduleRef.get(type, { strict: false }));
    const { messaging, nats, service } = this.config;
    this.instance = new MessagingRuntime({
      service,
      nats: { url: nats.url, prefix: nats.prefix, credentials: nats.credentials },
      db,
      relay: {
        pollMs: messaging.outboxPollMs,
        batchSize: messaging.outboxBatchSize,
        retryMaxMs: messaging.outboxRetryMaxMs,
      },
      retry: {
        maxDeliver: messaging.maxDeliver,
        backoffMs: messaging.backoffMs,
        ackWaitMs: messaging.ackWaitMs,
      },
      transactionTimeoutMs: messaging.transactionTimeoutMs,
      retention: {
        outboxRetentionMs: messaging.outboxRetentionDays * DAY_MS,
        inboxRetentionMs: messaging.inboxRetentionDays * DAY_MS,
        sweepEveryMs: HOUR_MS,
      },
      consumers,
      stream: this.config.jetstream,
    });
    await this.instance.start();
    this.started = true;
  }

  async onModuleDestroy(): Promise<void> {
    this.started = false;
    await this.instance?.stop();
    this.instance = null;
  }
}
