// What other tools use of the migration tool (`@gongkai/prisma-tools`): the service generator
// writes a new service's fragment copies and first migration the way `db:migration:create` does.
export { createMigrations } from './migrate';
export { FRAGMENTS, serviceSchema, type PrismaSchema } from './schema-fragments';
