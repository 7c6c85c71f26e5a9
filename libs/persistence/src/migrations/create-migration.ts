import type { DiffTarget } from '@prisma/schema-engine-wasm';
import {
  readMigrationList,
  readSchemaFiles,
  readSnapshot,
  toSnapshot,
  writeMigration,
  type SchemaFile,
} from './migration-files';
import { MigrationError, MigrationErrorCode } from './migration.errors';
import { NO_EXTERNAL_ENTITIES, openOfflineEngine } from './schema-engine';

export interface CreateMigrationOptions {
  /** What the migration does, e.g. `add_department_status` (lower-cased, other characters become `_`). */
  name: string;
  /** The folder of .prisma files (`apps/<service>/prisma/schema`). */
  schemaDir: string;
  /** The folder of migrations (`apps/<service>/prisma/migrations`). */
  migrationsDir: string;
  /** Defaults to now; the folder prefix is always later than the newest existing migration. */
  now?: Date;
}

export interface CreatedMigration {
  /** `<yyyyMMddHHmmss>_<name>` */
  name: string;
  /** Absolute path of the new migration folder. */
  directory: string;
  script: string;
}

/**
 * Writes the SQL that takes the database from the previous migration's datamodel (or from
 * nothing) to the current one. The previous datamodel comes from the snapshot saved with that
 * migration, so no database and no shadow database are needed.
 */
export async function createMigration(options: CreateMigrationOptions): Promise<CreatedMigration> {
  const slug = migrationSlug(options.name);
  const change = await diffFromLatestMigration(options);
  if (change.script === null) {
    throw new MigrationError(
      MigrationErrorCode.NOTHING_TO_MIGRATE,
      `Nothing to migrate: the schema in ${options.schemaDir} matches ${change.previous ?? 'an empty database'}`,
    );
  }
  const name = `${migrationTimestamp(options.now ?? new Date(), change.previous)}_${slug}`;
  const directory = await writeMigration({
    migrationsDir: options.migrationsDir,
    migrationName: name,
    script: change.script,
    snapshot: toSnapshot(change.schemaFiles),
  });
  return { name, directory, script: change.script };
}

/**
 * The SQL a new migration would contain, or null when the schema matches the latest migration.
 * For CI: a schema change committed without its migration reaches no database.
 */
export async function unmigratedChanges(options: {
  schemaDir: string;
  migrationsDir: string;
}): Promise<string | null> {
  return (await diffFromLatestMigration(options)).script;
}

async function diffFromLatestMigration(options: { schemaDir: string; migrationsDir: string }): Promise<{
  previous: string | undefined;
  schemaFiles: SchemaFile[];
  script: string | null;
}> {
  const schemaFiles = await readSchemaFiles(options.schemaDir);
  const migrations = await readMigrationList(options.migrationsDir);
  const previous = migrations.migrationDirectories.at(-1)?.path;

  let from: DiffTarget = { tag: 'empty' };
  if (previous) {
    const snapshot = await readSnapshot(options.migrationsDir, previous);
    if (snapshot === null) {
      throw new MigrationError(
        MigrationErrorCode.SNAPSHOT_MISSING,
        `Migration ${previous} has no schema snapshot, so the next migration cannot be diffed from it`,
      );
    }
    from = { tag: 'schemaDatamodel', files: [{ path: `${previous}/schema.prisma`, content: snapshot }] };
  }

  const session = await openOfflineEngine({ schemaFiles });
  try {
    const diff = await session.engine.diff({
      from,
      to: { tag: 'schemaDatamodel', files: schemaFiles },
      script: true,
      exitCode: true,
      filters: NO_EXTERNAL_ENTITIES,
    });
    // With exitCode set, the engine answers 2 when there is a difference and 0 when there is none.
    const script = diff.exitCode === 2 && diff.stdout ? diff.stdout : null;
    return { previous, schemaFiles, script };
  } finally {
    await session.close();
  }
}

/** `Add Department-Status` → `add_department_status`. */
export function migrationSlug(name: string): string {
  const slug = name
    .trim()
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
  if (!slug || slug.length > 200) {
    throw new MigrationError(
      MigrationErrorCode.INVALID_MIGRATION_NAME,
      `Give the migration a name of 1 to 200 letters, digits or underscores (got ${JSON.stringify(name)})`,
    );
  }
  return slug;
}

/**
 * `yyyyMMddHHmmss` in UTC, as Prisma names migration folders, moved one second past the newest
 * existing migration when needed so folder order stays migration order.
 */
export function migrationTimestamp(now: Date, previousMigration?: string): string {
  let candidate = formatTimestamp(now);
  const previousStamp = previousMigration?.match(/^(\d{14})_/)?.[1];
  if (previousStamp && candidate <= previousStamp) {
    candidate = formatTimestamp(new Date(parseTimestamp(previousStamp).getTime() + 1000));
  }
  return candidate;
}

function formatTimestamp(date: Date): string {
  return date.toISOString().replace(/\D/g, '').slice(0, 14);
}

function parseTimestamp(stamp: string): Date {
  const [, year, month, day, hour, minute, second] =
    stamp.match(/^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})$/) ?? [];
  return new Date(`${year}-${month}-${day}T${hour}:${minute}:${second}Z`);
}
