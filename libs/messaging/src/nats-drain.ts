import type { NatsConnection } from '@nats-io/transport-node';

/**
 * Drains a connection (its subscriptions finish, everything published is flushed, then it
 * closes), but never waits longer than `timeoutMs`: while NATS is unreachable a drain would wait
 * for the reconnect, so the connection is closed instead and whatever was unsent is dropped.
 */
export async function drainOrClose(connection: NatsConnection, timeoutMs: number): Promise<void> {
  if (connection.isClosed()) return;
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), timeoutMs);
  });
  try {
    const outcome = await Promise.race([connection.drain().then(() => 'drained' as const), timedOut]);
    if (outcome === 'timeout') await connection.close();
  } catch {
    await connection.close();
  } finally {
    clearTimeout(timer);
  }
}
