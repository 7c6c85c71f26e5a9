import { readMigrationList, readSchemaFiles } from './migration-files';
import type { MigrationTarget } from './apply-migrations';
import { NO_EXTERNAL_ENTITIES, openEngine } from './schema-engine';

export interface MigrationStatus {
  /** Migration folders, in order. */
  local: string[];
  /** Local migrations recorded as finished in the database. */
  applied: string[];
  /** Local migrations the database has not run yet. */
  pending: string[];
  /** Migrations recorded in the database but missing from the folder. */
  unknownToFolder: string[];
  /** Migrations that started and failed: they need a look before anything else is applied. */
  failed: string[];
  /** Applied migrations whose migration.sql changed since (checksum mismatch). */
  edited: string[];
  /** True when every local migration is applied and nothing is failed, edited or unknown. */
  upToDate: boolean;
}

/** Compares the migrations folder with `_prisma_migrations` (read-only). */
export async function migrationStatus(target: MigrationTarget): Promise<MigrationStatus> {
  const [schemaFiles, migrationsList] = await Promise.all([
    readSchemaFiles(target.schemaDir),
    readMigrationList(target.migrationsDir),
  ]);
  const session = await openEngine({ databaseUrl: target.databaseUrl, schemaFiles, log: target.log });
  try {
    const diagnosis = await session.engine.diagnoseMigrationHistory({
      migrationsList,
      optInToShadowDatabase: false,
      filters: NO_EXTERNAL_ENTITIES,
    });
    const history = diagnosis.history;
    const pending = history && 'unappliedMigrationNames' in history ? history.unappliedMigrationNames : [];
    const unknownToFolder =
      history && 'unpersistedMigrationNames' in history ? history.unpersistedMigrationNames : [];
    const local = migrationsList.migrationDirectories.map((directory) => directory.path);
    const notApplied = new Set([...pending, ...diagnosis.failedMigrationNames]);
    return {
      local,
      applied: local.filter((name) => !notApplied.has(name)),
      pending,
      unknownToFolder,
      failed: diagnosis.failedMigrationNames,
      edited: diagnosis.editedMigrationNames,
      upToDate:
        pending.length === 0 &&
        unknownToFolder.length === 0 &&
        diagnosis.failedMigrationNames.length === 0 &&
        diagnosis.editedMigrationNames.length === 0,
    };
  } finally {
    await session.close();
  }
}
