import { performance } from 'node:perf_hooks';
import type { NatsConnection } from '@nats-io/transport-node';
import type { Pool } from 'pg';
import { perSecond, summarize, type LatencySummary } from '../stats';

export interface InProcessResult {
  name: string;
  inFlight: number;
  requests: number;
  perSec: number;
  latency: LatencySummary;
}

/** `count` calls of `call`, `inFlight` at a time, each timed. */
async function timed(
  name: string,
  count: number,
  inFlight: number,
  call: () => Promise<unknown>,
): Promise<InProcessResult> {
  const samples: number[] = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: inFlight }, async () => {
      while (next < count) {
        next += 1;
        const at = performance.now();
        await call();
        samples.push(performance.now() - at);
      }
    }),
  );
  return {
    name,
    inFlight,
    requests: samples.length,
    perSec: perSecond(samples.length, performance.now() - started),
    latency: summarize(samples),
  };
}

/** A NATS request/reply round trip with nothing behind it: a responder echoing a department-sized reply. */
export async function natsRoundTrip(
  nc: NatsConnection,
  subject: string,
  count: number,
  inFlight: number,
): Promise<InProcessResult> {
  const reply = new TextEncoder().encode(JSON.stringify({ id: 'x'.repeat(36), name: '信息公开办公室' }));
  const subscription = nc.subscribe(subject, {
    queue: 'bench',
    callback: (_error, msg) => {
      msg.respond(reply);
    },
  });
  try {
    await timed('warm-up', 200, 1, () => nc.request(subject, '{}', { timeout: 5000 }));
    return await timed('NATS request/reply', count, inFlight, () =>
      nc.request(subject, '{}', { timeout: 5000 }),
    );
  } finally {
    subscription.unsubscribe();
  }
}

/** A primary-key read of the department through `pg`, the query the monolith serves. */
export async function pgPrimaryKeyRead(
  pool: Pool,
  ids: readonly string[],
  count: number,
  inFlight: number,
): Promise<InProcessResult> {
  const read = (index: number) =>
    pool.query('SELECT * FROM department WHERE id = $1', [ids[index % ids.length]]);
  let index = 0;
  await timed('warm-up', 200, 1, () => read(index++));
  return timed('pg primary-key read', count, inFlight, () => read(index++));
}
