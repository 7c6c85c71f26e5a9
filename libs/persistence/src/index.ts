export {
  databaseAnswers,
  databaseNameOf,
  dropDatabase,
  ensureDatabase,
  maintenanceUrlOf,
} from './database-admin';
export { applyMigrations, describeDatabase } from './migrations/apply-migrations';
export type { ApplyMigrationsOptions, MigrationTarget } from './migrations/apply-migrations';
export { createMigration, migrationSlug, unmigratedChanges } from './migrations/create-migration';
export type { CreatedMigration, CreateMigrationOptions } from './migrations/create-migration';
export { MigrationError, MigrationErrorCode } from './migrations/migration.errors';
export { migrationStatus } from './migrations/migration-status';
export type { MigrationStatus } from './migrations/migration-status';
export { createPgAdapter } from './prisma-client';
export type { PgAdapterOptions } from './prisma-client';
export { prismaPathsIn } from './service-prisma-paths';
export type { PrismaPaths } from './service-prisma-paths';
export * from './service-role';
