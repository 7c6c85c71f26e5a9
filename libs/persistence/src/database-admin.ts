import { Client } from 'pg';

/** The database a PostgreSQL URL names (`postgresql://u@h:5432/gongkai_rounds` → `gongkai_rounds`). */
export function databaseNameOf(url: string): string {
  const name = decodeURIComponent(new URL(url).pathname.replace(/^\//, ''));
  if (!name) throw new Error('The database URL names no database');
  return name;
}

/** The same server and credentials, connected to the `postgres` maintenance database. */
export function maintenanceUrlOf(url: string): string {
  const maintenance = new URL(url);
  maintenance.pathname = '/postgres';
  return maintenance.toString();
}

export function quoteIdentifier(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

// duplicate_database, or unique_violation when another process created it at the same moment
const ALREADY_EXISTS = new Set(['42P04', '23505']);

/**
 * Creates the database the URL names when it does not exist yet. Returns true when it created it.
 * Safe when several processes do this at once.
 */
export async function ensureDatabase(url: string): Promise<boolean> {
  const name = databaseNameOf(url);
  return withClient(maintenanceUrlOf(url), async (client) => {
    const existing = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (existing.rowCount) return false;
    try {
      await client.query(`CREATE DATABASE ${quoteIdentifier(name)}`);
      return true;
    } catch (error) {
      if (ALREADY_EXISTS.has((error as { code?: string }).code ?? '')) return false;
      throw error;
    }
  });
}

/** Drops the database the URL names, closing its other connections first. Missing is fine. */
export async function dropDatabase(url: string): Promise<void> {
  const name = databaseNameOf(url);
  await withClient(maintenanceUrlOf(url), async (client) => {
    // Refuse connections first, so nothing reconnects between terminate and drop.
    await client
      .query(`ALTER DATABASE ${quoteIdentifier(name)} WITH ALLOW_CONNECTIONS false`)
      .catch((error: unknown) => {
        if ((error as { code?: string }).code !== '3D000') throw error; // invalid_catalog_name: already gone
      });
    await client.query(
      'SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()',
      [name],
    );
    await client.query(`DROP DATABASE IF EXISTS ${quoteIdentifier(name)}`);
  });
}

/** True when the server accepts a connection to this database and answers a query within the time. */
export async function databaseAnswers(url: string, timeoutMs: number): Promise<boolean> {
  const client = new Client({
    connectionString: url,
    connectionTimeoutMillis: timeoutMs,
    query_timeout: timeoutMs,
  });
  // A refused connection emits 'error' as well as rejecting; without a listener that would crash the process.
  client.on('error', () => undefined);
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), timeoutMs);
  });
  const probe = (async () => {
    await client.connect();
    await client.query('SELECT 1');
    return true;
  })().catch(() => false);
  try {
    return await Promise.race([probe, timeout]);
  } finally {
    clearTimeout(timer);
    await client.end().catch(() => undefined);
  }
}

async function withClient<T>(url: string, work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url });
  client.on('error', () => undefined);
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}
