import pg from 'pg';
import { summarize } from '../stats';

export interface EventLatency {
  consumerService: string;
  /** Events the producer wrote in the window. */
  emitted: number;
  /** Of them, events this service's consumers had applied when asked. */
  applied: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
}

async function rows<T extends pg.QueryResultRow>(databaseUrl: string, sql: string, values: unknown[]) {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    return (await client.query<T>(sql, values)).rows;
  } finally {
    await client.end();
  }
}

/**
 * Outbox → inbox latency of the events one service wrote in a window, per consumer
 * service: the consumer's inbox row time minus the producer's outbox row time, both from the one
 * PostgreSQL clock. Both columns default to `now()`, the start of their transaction: the figure
 * takes in the producer's transaction after the insert and leaves out the consumer's work after its
 * inbox row (a few milliseconds each way, of opposite sign).
 */
export async function eventLatencies(
  producerDb: string,
  consumerDbs: Record<string, string>,
  window: { from: Date; to: Date },
): Promise<EventLatency[]> {
  const emitted = await rows<{ event_id: string; at: string }>(
    producerDb,
    `SELECT event_id, extract(epoch FROM created_at) * 1000 AS at FROM outbox WHERE created_at >= $1 AND created_at <= $2`,
    [window.from, window.to],
  );
  const emittedAt = new Map(emitted.map((row) => [row.event_id, Number(row.at)]));
  const results: EventLatency[] = [];
  for (const [service, databaseUrl] of Object.entries(consumerDbs)) {
    const applied = await rows<{ event_id: string; at: string }>(
      databaseUrl,
      `SELECT event_id, min(extract(epoch FROM processed_at) * 1000) AS at FROM inbox
       WHERE event_id = ANY($1::uuid[]) GROUP BY event_id`,
      [[...emittedAt.keys()]],
    );
    if (applied.length === 0) continue;
    const { p50, p90, p99, max } = summarize(
      applied.map((row) => Number(row.at) - (emittedAt.get(row.event_id) as number)),
    );
    results.push({
      consumerService: service,
      emitted: emitted.length,
      applied: applied.length,
      p50,
      p90,
      p99,
      max,
    });
  }
  return results;
}
