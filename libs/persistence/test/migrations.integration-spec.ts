import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import {
  applyMigrations,
  createMigration,
  databaseAnswers,
  dropDatabase,
  ensureDatabase,
  migrationStatus,
} from '../src/index';

// The real PostgreSQL on loopback; every run gets a database of its own and drops it.
// DATABASE_URL names the server (as for the services); its database part is replaced below.
const SERVER_URL = process.env['DATABASE_URL'] ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
const databaseUrl = (() => {
  const url = new URL(SERVER_URL);
  url.pathname = `/gongkai_t${randomBytes(4).toString('hex')}_persist`;
  return url.toString();
})();

const SCHEMA = `generator client {
  provider = "prisma-client"
  output   = "../generated"
}

datasource db {
  provider = "postgresql"
}
`;

const LEDGER = `model LedgerEntry {
  id       String @id @db.Uuid
  account  String
  amount   Int

  @@index([account])
  @@map("ledger_entry")
}
`;

const LEDGER_WITH_MEMO = LEDGER.replace('  amount   Int\n', '  amount   Int\n  memo     String?\n');

async function query<T>(sql: string): Promise<T[]> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    return (await client.query(sql)).rows as T[];
  } finally {
    await client.end();
  }
}

describe('migrations against PostgreSQL', () => {
  let workDir: string;
  let schemaDir: string;
  let migrationsDir: string;

  beforeAll(async () => {
    workDir = await mkdtemp(join(tmpdir(), 'persistence-it-'));
    schemaDir = join(workDir, 'schema');
    migrationsDir = join(workDir, 'migrations');
    await mkdir(schemaDir);
    await writeFile(join(schemaDir, 'schema.prisma'), SCHEMA);
    await writeFile(join(schemaDir, 'ledger.prisma'), LEDGER);
  });

  afterAll(async () => {
    await dropDatabase(databaseUrl);
    await rm(workDir, { recursive: true, force: true });
  });

  it('creates the service database once', async () => {
    expect(await ensureDatabase(databaseUrl)).toBe(true);
    expect(await ensureDatabase(databaseUrl)).toBe(false);
    expect(await databaseAnswers(databaseUrl, 2000)).toBe(true);
  });

  it('applies a new migration, then nothing on the second run', async () => {
    const init = await createMigration({ name: 'init', schemaDir, migrationsDir });

    expect(await applyMigrations({ databaseUrl, schemaDir, migrationsDir })).toEqual([init.name]);
    expect(await applyMigrations({ databaseUrl, schemaDir, migrationsDir })).toEqual([]);
    const tables = await query<{ table_name: string }>(
      "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name",
    );
    expect(tables.map((row) => row.table_name)).toEqual(['_prisma_migrations', 'ledger_entry']);
  });

  it('records history in _prisma_migrations as prisma migrate deploy does', async () => {
    const rows = await query<{
      migration_name: string;
      checksum: string;
      finished_at: Date | null;
      applied_steps_count: number;
    }>('SELECT migration_name, checksum, finished_at, applied_steps_count FROM _prisma_migrations');

    expect(rows).toHaveLength(1);
    expect(rows[0]?.migration_name).toMatch(/^\d{14}_init$/);
    expect(rows[0]?.checksum).toMatch(/^[0-9a-f]{64}$/);
    expect(rows[0]?.finished_at).toBeInstanceOf(Date);
    expect(rows[0]?.applied_steps_count).toBe(1);
  });

  it('lets two replicas migrate at once: one applies, the other finds nothing to do', async () => {
    await writeFile(join(schemaDir, 'ledger.prisma'), LEDGER_WITH_MEMO);
    const addMemo = await createMigration({ name: 'add_memo', schemaDir, migrationsDir });

    const results = await Promise.all([
      applyMigrations({ databaseUrl, schemaDir, migrationsDir }),
      applyMigrations({ databaseUrl, schemaDir, migrationsDir }),
    ]);

    expect(results.flat()).toEqual([addMemo.name]);
    const rows = await query<{ migration_name: string }>(
      'SELECT migration_name FROM _prisma_migrations ORDER BY started_at',
    );
    expect(rows.map((row) => row.migration_name)).toEqual([expect.stringMatching(/_init$/), addMemo.name]);
    const columns = await query<{ column_name: string }>(
      "SELECT column_name FROM information_schema.columns WHERE table_name = 'ledger_entry' AND column_name = 'memo'",
    );
    expect(columns).toHaveLength(1);
  });

  it('reports status: pending before deploy, up to date after', async () => {
    await writeFile(
      join(schemaDir, 'ledger.prisma'),
      LEDGER_WITH_MEMO.replace('@@index([account])', '@@index([account, amount])'),
    );
    const reindex = await createMigration({ name: 'reindex', schemaDir, migrationsDir });

    const before = await migrationStatus({ databaseUrl, schemaDir, migrationsDir });
    expect(before).toMatchObject({ pending: [reindex.name], failed: [], edited: [], upToDate: false });
    expect(before.applied).toHaveLength(2);

    await applyMigrations({ databaseUrl, schemaDir, migrationsDir });
    const after = await migrationStatus({ databaseUrl, schemaDir, migrationsDir });
    expect(after).toMatchObject({ pending: [], upToDate: true });
    expect(after.applied).toEqual(after.local);
  });

  it('drops the database with connections still open', async () => {
    const lingering = new Client({ connectionString: databaseUrl });
    lingering.on('error', () => undefined);
    await lingering.connect();

    await dropDatabase(databaseUrl);

    expect(await databaseAnswers(databaseUrl, 2000)).toBe(false);
    await lingering.end().catch(() => undefined);
  });
});
