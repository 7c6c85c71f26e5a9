import { AsyncLocalStorage } from 'node:async_hooks';
import type { IdempotencyMeta } from '@gongkai/contracts';

/** A command sent with an `Idempotency-Key`, as the service stores it. */
export interface IdempotentCommand {
  scope: string;
  /** The unprefixed subject the command was sent to. */
  operation: string;
  key: string;
  requestHash: string;
}

export function idempotentCommandOf(meta: IdempotencyMeta & { operation: string }): IdempotentCommand {
  return { scope: meta.scope, operation: meta.operation, key: meta.key, requestHash: meta.requestHash };
}

/**
 * - `unclaimed`: no transaction of this request has committed the key yet;
 * - `claiming`: the first transaction is running (it inserted the key; others pass through);
 * - `claimed`: that transaction committed, so the key and the state change are stored;
 * - `closed`: the request has answered; work it left behind (timers) claims nothing.
 */
export type ClaimState = 'unclaimed' | 'claiming' | 'claimed' | 'closed';

/** What the RPC layer knows about the keyed request being handled, for the transaction hook. */
export class IdempotencyContext {
  state: ClaimState = 'unclaimed';

  constructor(readonly command: IdempotentCommand) {}
}

const storage = new AsyncLocalStorage<IdempotencyContext>();

/** Runs `work` (a handler) with `context` visible to every transaction it opens. */
export function runWithIdempotency<T>(context: IdempotencyContext, work: () => T): T {
  return storage.run(context, work);
}

export function currentIdempotencyContext(): IdempotencyContext | undefined {
  return storage.getStore();
}
