import { mkdtemp, mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import type { Tree } from '@nx/devkit';
import type { DataServiceName } from '@gongkai/contracts';
import { MigrationError, MigrationErrorCode } from '@gongkai/persistence';
import { createMigrations, serviceSchema } from '@gongkai/prisma-tools';

/** The first migration's name, as the existing services' first ones are called. */
export const FIRST_MIGRATION = 'init';
/** When a regenerated skeleton's schema no longer matches its migrations. */
export const SKELETON_MIGRATION = 'regenerated_service_skeleton';

function filesUnder(tree: Tree, dir: string): string[] {
  if (!tree.exists(dir)) return [];
  return tree
    .children(dir)
    .flatMap((child) =>
      tree.isFile(join(dir, child)) ? [join(dir, child)] : filesUnder(tree, join(dir, child)),
    );
}

async function filesOnDisk(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  const nested = await Promise.all(
    entries.map((entry) =>
      entry.isDirectory() ? filesOnDisk(join(dir, entry.name)) : Promise.resolve([join(dir, entry.name)]),
    ),
  );
  return nested.flat();
}

/**
 * Writes the service's copies of the shared schema fragments and its migration, exactly as
 * `npm run db:migration:create -- <service> <name>` does (the same `createMigrations`: the
 * fragments copied, then a diff against the last migration's snapshot through the wasm schema
 * engine, no database). The tool works on files, so it runs on a scratch copy of what the tree
 * holds (the fragments' sources and the service's prisma folder) and its output comes back into
 * the tree. With no migrations yet this is the first one (`init`); a regenerated skeleton keeps
 * its migrations and gets a new one only if its schema changed.
 * Returns the migration folder written, or null when the schema needed none.
 */
export async function writeSchemaAndMigration(
  tree: Tree,
  options: { name: string; departmentProjection: boolean },
): Promise<string | null> {
  // Not in DATA_SERVICES yet: the contracts that list it are edited in the tree, not on disk.
  const schema = serviceSchema(options.name as DataServiceName, {
    departmentProjection: options.departmentProjection,
  });
  const migrationsDir = join(schema.prismaDir, 'migrations');
  const hasMigrations = filesUnder(tree, migrationsDir).some((path) => path.endsWith('migration.sql'));
  const stage = await mkdtemp(join(tmpdir(), 'gongkai-service-generator-'));
  try {
    for (const path of [...schema.fragments, ...filesUnder(tree, schema.prismaDir)]) {
      const content = tree.read(path);
      if (!content) throw new Error(`${path} is missing`);
      await mkdir(dirname(join(stage, path)), { recursive: true });
      await writeFile(join(stage, path), content);
    }
    const name = hasMigrations ? SKELETON_MIGRATION : FIRST_MIGRATION;
    try {
      await createMigrations({ workspaceRoot: stage, schemas: [schema], name, log: () => undefined });
    } catch (error) {
      const unchanged =
        error instanceof MigrationError && error.code === MigrationErrorCode.NOTHING_TO_MIGRATE;
      if (!(unchanged && hasMigrations)) throw error;
    }
    let migration: string | null = null;
    for (const file of await filesOnDisk(join(stage, schema.prismaDir))) {
      const path = relative(stage, file);
      const content = await readFile(file);
      if (tree.exists(path) && tree.read(path)?.equals(content)) continue;
      tree.write(path, content);
      if (path.endsWith('migration.sql')) migration = dirname(path);
    }
    // A fragment copy the schema no longer declares was removed by the tool.
    for (const path of filesUnder(tree, join(schema.prismaDir, 'schema'))) {
      if (!(await readFile(join(stage, path)).catch(() => null))) tree.delete(path);
    }
    return migration;
  } finally {
    await rm(stage, { recursive: true, force: true });
  }
}
