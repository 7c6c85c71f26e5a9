import { join } from 'node:path';
import { DATA_SERVICES } from '@gongkai/contracts';
import { unmigratedChanges } from './migrations/create-migration';
import { prismaPathsIn } from './service-prisma-paths';

const workspaceRoot = join(__dirname, '..', '..', '..');

// A schema change committed without its migration would reach no database.
describe('committed migrations', () => {
  it.each(DATA_SERVICES)('%s has a migration for every change to its schema', async (service) => {
    const changes = await unmigratedChanges(prismaPathsIn(join(workspaceRoot, 'apps', service)));

    // If this fails: node tools/prisma/migrate.mjs create <service> <what_changed>
    expect(changes).toBeNull();
  });
});
