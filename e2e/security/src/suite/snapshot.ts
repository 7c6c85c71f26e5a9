import { DATA_SERVICES } from '@gongkai/contracts';
import { testDatabaseUrl } from '@gongkai/testing';
import { Client } from 'pg';

/**
 * Messaging and bookkeeping tables that change without any request (the outbox relay, consumers'
 * inboxes and stream positions, idempotency keys of refused requests are never kept but expire, migrations): "nothing
 * changed" is about the services' own state.
 */
const quoteIdentifier = (name: string) => `"${name.replace(/"/g, '""')}"`;

const BOOKKEEPING =
  /outbox|inbox|dead_letter|idempotency|_prisma_migrations|relay|lease|lock|consumer_position/i;

export type Snapshot = Map<string, string>;

/** Each service table's row count and a hash of its rows, e.g. `complaints.cases` → `12:9f…`. */
export async function snapshot(runId: string): Promise<Snapshot> {
  const result: Snapshot = new Map();
  for (const service of DATA_SERVICES) {
    const client = new Client({ connectionString: testDatabaseUrl(runId, service) });
    await client.connect();
    try {
      const tables = await client.query<{ name: string }>(
        "SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename",
      );
      for (const { name } of tables.rows) {
        if (BOOKKEEPING.test(name)) continue;
        const table = quoteIdentifier(name);
        const row = await client.query<{ count: string; hash: string | null }>(
          `SELECT count(*) AS count, md5(string_agg(t::text, ',' ORDER BY t::text)) AS hash FROM ${table} t`,
        );
        result.set(`${service}.${name}`, `${row.rows[0]?.count}:${row.rows[0]?.hash ?? ''}`);
      }
    } finally {
      await client.end();
    }
  }
  return result;
}

/** The tables whose rows differ between two snapshots. */
export function changedTables(before: Snapshot, after: Snapshot): string[] {
  const names = new Set([...before.keys(), ...after.keys()]);
  return [...names].filter((name) => before.get(name) !== after.get(name)).sort();
}

/**
 * A snapshot to compare with after refused requests, without the tables that change on their own
 * (clocks, projections catching up): taken twice a moment apart, what moved is left out (and named).
 */
export async function quietSnapshot(runId: string): Promise<{ before: Snapshot; moving: string[] }> {
  const first = await snapshot(runId);
  await new Promise((resolve) => setTimeout(resolve, 1500));
  const before = await snapshot(runId);
  const moving = changedTables(first, before);
  for (const name of moving) before.delete(name);
  return { before, moving };
}

export async function changedSince(
  runId: string,
  quiet: { before: Snapshot; moving: string[] },
): Promise<string[]> {
  const after = await snapshot(runId);
  for (const name of quiet.moving) after.delete(name);
  return changedTables(quiet.before, after);
}
