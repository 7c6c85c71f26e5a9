import { Client } from 'pg';
import { readMigrationList, readSchemaFiles } from './migration-files';
import { MigrationError, MigrationErrorCode } from './migration.errors';
import { NO_EXTERNAL_ENTITIES, openEngine } from './schema-engine';

export interface MigrationTarget {
  /** The service's own database (it must exist: see `ensureDatabase`). */
  databaseUrl: string;
  /** The folder of .prisma files (`apps/<service>/prisma/schema`). */
  schemaDir: string;
  /** The folder of committed migrations (`apps/<service>/prisma/migrations`). */
  migrationsDir: string;
  /** Receives the schema engine's log lines (JSON). */
  log?: (message: string) => void;
}

export interface ApplyMigrationsOptions extends MigrationTarget {
  /** How long to wait for another process that is migrating the same database. Default 5 minutes. */
  lockTimeoutMs?: number;
}

/**
 * Our own lock key (ASCII "gongkai"), not the one Prisma's engine may take for itself,
 * so the two can never wait on each other.
 */
const MIGRATION_LOCK_KEY = '29114442573373801';

/**
 * Applies the migrations not yet recorded in `_prisma_migrations`, in folder order, and returns
 * their names (empty when the database is up to date). Replicas that boot together queue on a
 * PostgreSQL advisory lock: the first applies, the others then find nothing left to do.
 */
export async function applyMigrations(options: ApplyMigrationsOptions): Promise<string[]> {
  const [schemaFiles, migrationsList] = await Promise.all([
    readSchemaFiles(options.schemaDir),
    readMigrationList(options.migrationsDir),
  ]);
  return withMigrationLock(options.databaseUrl, options.lockTimeoutMs ?? 300_000, async () => {
    const session = await openEngine({ databaseUrl: options.databaseUrl, schemaFiles, log: options.log });
    try {
      const result = await session.engine.applyMigrations({ migrationsList, filters: NO_EXTERNAL_ENTITIES });
      return result.appliedMigrationNames;
    } finally {
      await session.close();
    }
  });
}

async function withMigrationLock<T>(
  databaseUrl: string,
  timeoutMs: number,
  work: () => Promise<T>,
): Promise<T> {
  // A session-level lock on a connection of its own: it lasts until we unlock or the
  // connection drops, so a crashed migrator never leaves the database locked.
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query(`SET lock_timeout = ${Math.max(1, Math.floor(timeoutMs))}`);
    try {
      await client.query('SELECT pg_advisory_lock($1::bigint)', [MIGRATION_LOCK_KEY]);
    } catch (error) {
      if ((error as { code?: string }).code === '55P03') {
        throw new MigrationError(
          MigrationErrorCode.LOCK_TIMEOUT,
          `Another process kept the migration lock on ${describeDatabase(databaseUrl)} for over ${timeoutMs} ms`,
        );
      }
      throw error;
    }
    try {
      return await work();
    } finally {
      await client.query('SELECT pg_advisory_unlock($1::bigint)', [MIGRATION_LOCK_KEY]);
    }
  } finally {
    await client.end();
  }
}

/** Host and database name only: never echo credentials into logs. */
export function describeDatabase(databaseUrl: string): string {
  const url = new URL(databaseUrl);
  return `${url.hostname}:${url.port || '5432'}${url.pathname}`;
}
