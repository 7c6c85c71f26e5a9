import { Client } from 'pg';
import { databaseNameOf, quoteIdentifier } from './database-admin';

export interface EnsureServiceRoleOptions {
  /** The migrator's URL: the role that owns the tables (it ran the migrations). */
  ownerUrl: string;
  /** The run-time role (config: `database.serviceRole`). */
  role: string;
  password: string;
  /** Tables the service only appends to (audit logs, ledgers): no UPDATE, DELETE or TRUNCATE. */
  appendOnlyTables: readonly string[];
}

/**
 * Creates (or brings up to date) the service's run-time role, after the migrations, as the
 * tables' owner. The role owns nothing, so it cannot ALTER a table, drop or disable a trigger, or
 * change the schema; it reads and writes rows, and only appends to the append-only tables. Run
 * at every boot: tables added by later migrations get the same grants.
 */
export async function ensureServiceRole(options: EnsureServiceRoleOptions): Promise<string> {
  const { role } = options;
  const database = databaseNameOf(options.ownerUrl);
  const client = new Client({ connectionString: options.ownerUrl });
  client.on('error', () => undefined);
  await client.connect();
  try {
    const quotedRole = quoteIdentifier(role);
    // Replicas booting together: the first creates the role, the others wait here, then find it.
    await client.query('SELECT pg_advisory_lock(4242777)');
    try {
      const exists = await client.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [role]);
      const alter =
        `ALTER ROLE ${quotedRole} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS ` +
        `PASSWORD ${client.escapeLiteral(options.password)}`;
      if (!exists.rowCount) {
        await client.query(`CREATE ROLE ${quotedRole}`).catch((error: unknown) => {
          throw new Error(
            `Cannot create the database role ${role} (${describe(error)}): give the migrator (DATABASE_URL) ` +
              `CREATEROLE, or create ${role} beforehand (LOGIN, the DATABASE_SERVICE_PASSWORD password)`,
          );
        });
        await client.query(alter);
      } else {
        // A role managed elsewhere (a CloudNativePG managed role, a DBA) keeps its password when the
        // migrator may not change it; the grants below are the owner's to give either way.
        await client.query(alter).catch((error: unknown) => {
          if ((error as { code?: string }).code !== '42501') throw error;
        });
      }
      await client.query(`GRANT CONNECT ON DATABASE ${quoteIdentifier(database)} TO ${quotedRole}`);
      await client.query(`GRANT USAGE ON SCHEMA public TO ${quotedRole}`);
      await client.query(`REVOKE CREATE ON SCHEMA public FROM ${quotedRole}`);
      await client.query(
        `GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ${quotedRole}`,
      );
      await client.query(`GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA public TO ${quotedRole}`);
      // The migrations' own bookkeeping: readable (migration status), never writable.
      await client.query(`REVOKE INSERT, UPDATE, DELETE ON "_prisma_migrations" FROM ${quotedRole}`);
      for (const table of options.appendOnlyTables) {
        await client.query(`REVOKE UPDATE, DELETE, TRUNCATE ON ${quoteIdentifier(table)} FROM ${quotedRole}`);
      }
    } finally {
      await client.query('SELECT pg_advisory_unlock(4242777)');
    }
  } finally {
    await client.end();
  }
  return role;
}

/** Drops a run-time role (test clean-up, after its database is gone). Missing is fine. */
export async function dropServiceRole(databaseUrl: string, role: string): Promise<void> {
  const maintenance = new URL(databaseUrl);
  maintenance.pathname = '/postgres';
  const client = new Client({ connectionString: maintenance.toString() });
  client.on('error', () => undefined);
  await client.connect();
  try {
    await client.query(`DROP ROLE IF EXISTS ${quoteIdentifier(role)}`);
  } finally {
    await client.end();
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
