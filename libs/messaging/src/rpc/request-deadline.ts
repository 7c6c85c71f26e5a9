import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * The time by which whoever started this piece of work (an HTTP request at the gateway) must have
 * its answer. Every service request made on its behalf waits at most until then, so a request that
 * calls several services one after the other still answers within one bound, not one timeout per
 * call (the "every request to a stopped service fails within its timeout").
 */
const deadlines = new AsyncLocalStorage<number>();

/** Runs `work` (and everything it starts) with the deadline `deadlineAt` (epoch ms). */
export function runWithDeadline<T>(deadlineAt: number, work: () => T): T {
  return deadlines.run(deadlineAt, work);
}

/** Milliseconds left before the current deadline; undefined outside one. */
export function remainingUntilDeadline(): number | undefined {
  const deadline = deadlines.getStore();
  return deadline === undefined ? undefined : deadline - Date.now();
}
