import type { SqlClient, TransactionalSqlClient } from '../sql-client';
import { currentIdempotencyContext } from './idempotency-context';
import { IdempotencyRepository } from './idempotency.repository';

type TransactionFn = (first: unknown, ...rest: unknown[]) => Promise<unknown>;

const INSTALLED = Symbol('idempotency-claim-installed');

/**
 * Makes every command's transaction carry its `Idempotency-Key`: wraps the client's
 * `$transaction` so that, while a keyed request is being handled (IdempotencyInterceptor sets the
 * context), the request's first interactive transaction inserts the key row before running the
 * command's own work. The key therefore commits with the state change or not at all, and two
 * concurrent requests with one key cannot both apply: the second one's insert waits on the unique
 * index, then finds the key taken and rolls back untouched.
 *
 * Why wrap the client rather than each handler or unit of work: every command of every service
 * already runs in `prisma.$transaction` (the outbox needs it), so this covers them all, present
 * and future, without a line in any handler. The service's PrismaService is patched once, by
 * ServiceKitModule. Transactions outside a keyed request (relay, consumers, sweeps) pass through,
 * as do the array form of `$transaction` and a request's later transactions.
 */
export function claimIdempotencyKeysIn(client: TransactionalSqlClient): void {
  const target = client as unknown as Record<PropertyKey, unknown>;
  if (target[INSTALLED]) return;
  const original = (client.$transaction as unknown as TransactionFn).bind(client);
  const $transaction: TransactionFn = (first, ...rest) => {
    const context = currentIdempotencyContext();
    if (typeof first !== 'function' || context?.state !== 'unclaimed') return original(first, ...rest);
    const work = first as (tx: SqlClient) => Promise<unknown>;
    context.state = 'claiming';
    return original(
      async (tx: SqlClient) => {
        await IdempotencyRepository.claim(tx, context.command);
        return work(tx);
      },
      ...rest,
    ).then(
      (value) => {
        context.state = 'claimed';
        return value;
      },
      (error: unknown) => {
        // Rolled back: the key went with it, so a later transaction of this request may claim it.
        if (context.state === 'claiming') context.state = 'unclaimed';
        throw error;
      },
    );
  };
  Object.defineProperty(client, '$transaction', { value: $transaction, configurable: true, writable: true });
  Object.defineProperty(client, INSTALLED, { value: true });
}
