import { mkdtemp, readdir, readFile, rm, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createMigration, migrationSlug, migrationTimestamp } from './create-migration';
import { MigrationErrorCode } from './migration.errors';

const HEADER = `generator client {
  provider = "prisma-client"
  output   = "../generated"
}

datasource db {
  provider = "postgresql"
}
`;

const NOTE_V1 = `model Note {
  id   String @id @db.Uuid
  text String

  @@map("note")
}
`;

const NOTE_V2 = `model Note {
  id     String @id @db.Uuid
  text   String
  pinned Boolean @default(false)

  @@map("note")
}
`;

describe('createMigration', () => {
  let workDir: string;
  let schemaDir: string;
  let migrationsDir: string;

  beforeEach(async () => {
    workDir = await mkdtemp(join(tmpdir(), 'persistence-create-'));
    schemaDir = join(workDir, 'schema');
    migrationsDir = join(workDir, 'migrations');
    await mkdir(schemaDir);
    await writeFile(join(schemaDir, 'schema.prisma'), HEADER);
    await writeFile(join(schemaDir, 'note.prisma'), NOTE_V1);
  });

  afterEach(async () => {
    await rm(workDir, { recursive: true, force: true });
  });

  it('writes the first migration from an empty database, with its snapshot and the lock file', async () => {
    const created = await createMigration({
      name: 'init',
      schemaDir,
      migrationsDir,
      now: new Date('2026-01-02T03:04:05Z'),
    });

    expect(created.name).toBe('20260102030405_init');
    expect(created.script).toContain('CREATE TABLE "note"');
    expect(await readdir(created.directory)).toEqual(['migration.sql', 'schema.prisma.snapshot']);
    expect(await readFile(join(created.directory, 'migration.sql'), 'utf8')).toBe(created.script);
    const snapshot = await readFile(join(created.directory, 'schema.prisma.snapshot'), 'utf8');
    expect(snapshot).toContain('// ---- note.prisma ----');
    expect(snapshot).toContain('// ---- schema.prisma ----');
    expect(await readFile(join(migrationsDir, 'migration_lock.toml'), 'utf8')).toContain(
      'provider = "postgresql"',
    );
  });

  it('diffs the next migration against the previous snapshot, not against an empty database', async () => {
    await createMigration({ name: 'init', schemaDir, migrationsDir, now: new Date('2026-01-02T03:04:05Z') });
    await writeFile(join(schemaDir, 'note.prisma'), NOTE_V2);

    const next = await createMigration({
      name: 'Add note pinned',
      schemaDir,
      migrationsDir,
      now: new Date('2026-01-02T03:04:05Z'),
    });

    expect(next.name).toBe('20260102030406_add_note_pinned');
    expect(next.script).toContain(
      'ALTER TABLE "note" ADD COLUMN     "pinned" BOOLEAN NOT NULL DEFAULT false',
    );
    expect(next.script).not.toContain('CREATE TABLE');
  });

  it('refuses to write an empty migration', async () => {
    await createMigration({ name: 'init', schemaDir, migrationsDir });

    await expect(createMigration({ name: 'again', schemaDir, migrationsDir })).rejects.toMatchObject({
      code: MigrationErrorCode.NOTHING_TO_MIGRATE,
      message: expect.stringContaining('Nothing to migrate'),
    });
    expect((await readdir(migrationsDir)).filter((entry) => entry.endsWith('_again'))).toEqual([]);
  });

  it('refuses to diff from a migration that has no snapshot', async () => {
    await mkdir(join(migrationsDir, '20250101000000_hand_written'), { recursive: true });
    await writeFile(join(migrationsDir, '20250101000000_hand_written', 'migration.sql'), 'SELECT 1;');

    await expect(createMigration({ name: 'next', schemaDir, migrationsDir })).rejects.toMatchObject({
      code: MigrationErrorCode.SNAPSHOT_MISSING,
    });
  });

  it('reports schema errors with the file they are in', async () => {
    await writeFile(join(schemaDir, 'broken.prisma'), 'model Broken {\n  id Strin @id\n}\n');

    await expect(createMigration({ name: 'init', schemaDir, migrationsDir })).rejects.toThrow(
      /broken\.prisma/,
    );
  });
});

describe('migration names', () => {
  it('turns a description into a folder-safe name', () => {
    expect(migrationSlug('  Add Department-Status ')).toBe('add_department_status');
  });

  it('rejects a name with nothing usable in it', () => {
    expect(() => migrationSlug('---')).toThrow(/name/);
  });

  it('stamps in UTC and stays after the newest migration', () => {
    const now = new Date('2026-03-04T05:06:07.890Z');
    expect(migrationTimestamp(now)).toBe('20260304050607');
    expect(migrationTimestamp(now, '20260304050607_init')).toBe('20260304050608');
    expect(migrationTimestamp(now, '20261231235959_future')).toBe('20270101000000');
  });
});
