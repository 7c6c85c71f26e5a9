import { Inject, Injectable, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import type { DataServiceConfig } from '@gongkai/config';
import {
  claimIdempotencyKeysIn,
  IdempotencyInterceptor,
  IdempotencySweeper,
  type TransactionalSqlClient,
} from '@gongkai/messaging';
import { SERVICE_CONFIG } from './service-config.token';

export const IDEMPOTENCY_DB = Symbol('IDEMPOTENCY_DB');

/**
 * The global interceptor that gives every command of the service `Idempotency-Key` semantics.
 * Built from the service's PrismaService, whose `$transaction` it makes claim the key
 * (libs/messaging/src/idempotency/claim-in-transaction.ts).
 */
export function createIdempotencyInterceptor(
  db: TransactionalSqlClient,
  config: DataServiceConfig,
): IdempotencyInterceptor {
  claimIdempotencyKeysIn(db);
  return new IdempotencyInterceptor(db, { prefix: config.nats.prefix });
}

/** Deletes expired idempotency keys (IDEMPOTENCY_RETENTION_MS) every IDEMPOTENCY_SWEEP_INTERVAL_MS. */
@Injectable()
export class IdempotencySweeperLifecycle implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly sweeper: IdempotencySweeper;

  constructor(
    @Inject(IDEMPOTENCY_DB) db: TransactionalSqlClient,
    @Inject(SERVICE_CONFIG) config: DataServiceConfig,
  ) {
    this.sweeper = new IdempotencySweeper(db, {
      retentionMs: config.idempotency.retentionMs,
      intervalMs: config.idempotency.sweepIntervalMs,
    });
  }

  onApplicationBootstrap(): void {
    this.sweeper.start();
  }

  async onModuleDestroy(): Promise<void> {
    await this.sweeper.stop();
  }
}
