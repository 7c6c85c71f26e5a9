import { Inject, Injectable, Optional } from '@nestjs/common';
import { faultPoint, type SqlClient, type TransactionalSqlClient } from '@gongkai/messaging';
import { MessagingLifecycle } from '../messaging-lifecycle';
import { translateUniqueViolation, type UniqueIndexReasons } from './unique-violation';

export const UNIT_OF_WORK_DB = Symbol('UNIT_OF_WORK_DB');
/** The service's UniqueIndexReasons (ServiceKitOptions.uniqueIndexes). */
export const UNIQUE_INDEX_REASONS = Symbol('UNIQUE_INDEX_REASONS');

export interface UnitOfWorkOptions<TTx> {
  /** Runs last inside the transaction (e.g. writing the audit entries the work collected). */
  beforeCommit?: (tx: TTx) => Promise<void>;
  /** A command that moves many rows (a reorganisation) may take this long. */
  timeoutMs?: number;
}

/**
 * One command, one transaction: its state changes and its outbox events (and whatever
 * `beforeCommit` adds) commit together or not at all; a unique-index race becomes CONFLICT (with
 * the service's reason for the index, ServiceKitOptions.uniqueIndexes); after
 * the commit the relay is woken so the events go out without waiting for its next poll. An
 * `Idempotency-Key` on the request is claimed inside this same transaction (ServiceKitModule).
 */
@Injectable()
export class UnitOfWork {
  constructor(
    @Inject(UNIT_OF_WORK_DB) private readonly db: TransactionalSqlClient,
    private readonly messaging: MessagingLifecycle,
    @Optional() @Inject(UNIQUE_INDEX_REASONS) private readonly uniqueIndexes: UniqueIndexReasons = {},
  ) {}

  async run<TTx extends SqlClient, T>(
    work: (tx: TTx) => Promise<T>,
    options: UnitOfWorkOptions<TTx> = {},
  ): Promise<T> {
    let result: T;
    try {
      result = await this.db.$transaction(
        async (tx) => {
          const value = await work(tx as TTx);
          await options.beforeCommit?.(tx as TTx);
          faultPoint('producer.before-commit');
          return value;
        },
        { timeout: options.timeoutMs ?? 60_000, maxWait: 10_000 },
      );
    } catch (error) {
      throw translateUniqueViolation(error, this.uniqueIndexes);
    }
    faultPoint('producer.after-commit');
    this.messaging.kick();
    return result;
  }
}
