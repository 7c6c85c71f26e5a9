// Small waiting and port helpers for the launcher (Node built-ins only).
import { createServer } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';

/** A TCP port the OS reports free on `host` right now. */
export function freePort(host = '127.0.0.1') {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, host, () => {
      const { port } = /** @type {import('node:net').AddressInfo} */ (server.address());
      server.close(() => resolve(port));
    });
  });
}

/** Whether `port` can be bound on `host`. */
export function isPortFree(port, host = '127.0.0.1') {
  return new Promise((resolve) => {
    const server = createServer();
    server.unref();
    server.once('error', () => resolve(false));
    server.listen(port, host, () => server.close(() => resolve(true)));
  });
}

/**
 * Calls `check` until it returns a truthy value, `abort()` returns a reason, or `timeoutMs` passes.
 * @template T
 * @param {() => Promise<T | undefined | null | false>} check
 * @param {{ timeoutMs: number, intervalMs?: number, what: string, abort?: () => string | undefined }} options
 * @returns {Promise<T>}
 */
export async function waitFor(check, { timeoutMs, intervalMs = 250, what, abort }) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const aborted = abort?.();
    if (aborted) throw new Error(`${what}: ${aborted}`);
    const result = await check();
    if (result) return result;
    if (Date.now() > deadline)
      throw new Error(`${what}: still not ready after ${Math.round(timeoutMs / 1000)} s`);
    await sleep(intervalMs);
  }
}

/** GET `url`; the status and body, or null when nothing answers. */
export async function httpGet(url, timeoutMs = 2000) {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
    return { status: response.status, body: await response.text() };
  } catch {
    return null;
  }
}
