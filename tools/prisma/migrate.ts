import { resolve } from 'node:path';
import { databaseUrlFor } from '@gongkai/config';
import { DATA_SERVICES, type DataServiceName } from '@gongkai/contracts';
import {
  applyMigrations,
  createMigration,
  databaseNameOf,
  describeDatabase,
  ensureDatabase,
  MigrationError,
  MigrationErrorCode,
  migrationSlug,
  migrationStatus,
  prismaPathsIn,
} from '@gongkai/persistence';
import {
  describeStale,
  SCHEMA_TARGETS,
  schemaOf,
  staleFragmentCopies,
  writeFragmentCopies,
  type PrismaSchema,
  type SchemaTarget,
} from './schema-fragments';

const USAGE = `Usage: node tools/prisma/migrate.mjs <command>

  create <schema>|--all <name>
                            copy the shared schema fragments into the schema folder, then write
                            <prisma dir>/migrations/<timestamp>_<name>/ from the change to its
                            schema/ (no database needed); --all: every schema that changed
  deploy <service>|--all    create the service database if missing, then apply pending migrations
  status <service>|--all    compare the migrations folder with the database (exit 1 unless up to date)
  fragments [--check]       write the copies of the shared fragments (tools/prisma/schema-fragments.ts);
                            --check: only say which copies are stale (exit 1 if any)

Schemas: ${SCHEMA_TARGETS.join(', ')} (apps/<service>/prisma, libs/messaging/test/prisma)
Services: ${DATA_SERVICES.join(', ')}
Database: <SERVICE>_DATABASE_URL, else DATABASE_URL's server with database gongkai_<service>.
`;

const workspaceRoot = resolve(__dirname, '..', '..');

class UsageError extends Error {}

function pathsOf(target: SchemaTarget) {
  return prismaPathsOf(workspaceRoot, schemaOf(target));
}

/** `schema/` and `migrations/` of a schema, as createMigration wants them. */
function prismaPathsOf(root: string, schema: PrismaSchema) {
  // prismaPathsIn wants the folder that holds prisma/.
  return prismaPathsIn(resolve(root, schema.prismaDir, '..'));
}

function parseService(value: string | undefined): DataServiceName {
  const service = DATA_SERVICES.find((name) => name === value);
  if (!service) throw new UsageError(value ? `Unknown service "${value}"` : 'Name a service');
  return service;
}

function parseServices(value: string | undefined): DataServiceName[] {
  return value === '--all' ? [...DATA_SERVICES] : [parseService(value)];
}

function parseSchemas(value: string | undefined): SchemaTarget[] {
  if (value === '--all') return [...SCHEMA_TARGETS];
  const target = SCHEMA_TARGETS.find((name) => name === value);
  if (!target) throw new UsageError(value ? `Unknown schema "${value}"` : 'Name a schema');
  return [target];
}

async function copyFragments(targets: SchemaTarget[]): Promise<void> {
  for (const path of await writeFragmentCopies(workspaceRoot, targets.map(schemaOf)))
    console.log(`wrote ${path}`);
}

async function create(targets: SchemaTarget[], name: string | undefined): Promise<void> {
  if (!name) throw new UsageError('Name the migration, e.g. add_department_status');
  await createMigrations({ workspaceRoot, schemas: targets.map(schemaOf), name, log: console.log });
}

/**
 * `create`: first the copies of the shared fragments, so the diff sees their current source,
 * then one migration per schema (with several schemas, one that did not change gets none).
 */
export async function createMigrations(options: {
  workspaceRoot: string;
  schemas: PrismaSchema[];
  name: string;
  log: (line: string) => void;
}): Promise<void> {
  const { workspaceRoot: root, schemas, name, log } = options;
  migrationSlug(name);
  for (const path of await writeFragmentCopies(root, schemas)) log(`wrote ${path}`);
  for (const schema of schemas) {
    try {
      const created = await createMigration({ name, ...prismaPathsOf(root, schema) });
      log(`${schema.target}: wrote ${created.directory}`);
    } catch (error) {
      const unchanged =
        error instanceof MigrationError && error.code === MigrationErrorCode.NOTHING_TO_MIGRATE;
      if (schemas.length > 1 && unchanged) log(`${schema.target}: nothing to migrate`);
      else throw error;
    }
  }
}

async function fragments(check: boolean): Promise<boolean> {
  if (!check) {
    await copyFragments(SCHEMA_TARGETS);
    return true;
  }
  const stale = await staleFragmentCopies(workspaceRoot);
  if (stale.length === 0) {
    console.log('Every schema fragment copy matches its source.');
    return true;
  }
  console.error(describeStale(stale));
  return false;
}

async function deploy(service: DataServiceName): Promise<void> {
  const databaseUrl = databaseUrlFor(service, process.env);
  const where = describeDatabase(databaseUrl);
  if (await ensureDatabase(databaseUrl))
    console.log(`${service}: created database ${databaseNameOf(databaseUrl)}`);
  const applied = await applyMigrations({ databaseUrl, ...pathsOf(service) });
  console.log(
    applied.length === 0
      ? `${service}: ${where} is up to date`
      : `${service}: applied ${applied.length} migration(s) to ${where}: ${applied.join(', ')}`,
  );
}

async function status(service: DataServiceName): Promise<boolean> {
  const databaseUrl = databaseUrlFor(service, process.env);
  const result = await migrationStatus({ databaseUrl, ...pathsOf(service) });
  const lines = [
    `${service}: ${describeDatabase(databaseUrl)}: ${result.applied.length}/${result.local.length} applied`,
  ];
  if (result.pending.length) lines.push(`  pending: ${result.pending.join(', ')}`);
  if (result.failed.length) lines.push(`  failed: ${result.failed.join(', ')}`);
  if (result.edited.length) lines.push(`  edited after being applied: ${result.edited.join(', ')}`);
  if (result.unknownToFolder.length)
    lines.push(`  applied but not in the folder: ${result.unknownToFolder.join(', ')}`);
  console.log(lines.join('\n'));
  return result.upToDate;
}

/** Runs one CLI invocation and returns the exit code (0 ok, 1 failed, 2 usage). */
export async function main(args: string[]): Promise<number> {
  const [command, target, name] = args;
  try {
    switch (command) {
      case 'create':
        await create(parseSchemas(target), name);
        return 0;
      case 'fragments':
        if (target !== undefined && target !== '--check') throw new UsageError(`Unknown option "${target}"`);
        return (await fragments(target === '--check')) ? 0 : 1;
      case 'deploy':
      case 'status': {
        let ok = true;
        // One service after another, and all of them even if one fails, so the output says everything.
        for (const service of parseServices(target)) {
          try {
            ok = (command === 'deploy' ? (await deploy(service), true) : await status(service)) && ok;
          } catch (error) {
            ok = false;
            console.error(`${service}: ${errorMessage(error)}`);
          }
        }
        return ok ? 0 : 1;
      }
      case undefined:
      case '-h':
      case '--help':
        console.log(USAGE);
        return command ? 0 : 2;
      default:
        throw new UsageError(`Unknown command "${command}"`);
    }
  } catch (error) {
    if (error instanceof UsageError) {
      console.error(`${error.message}\n\n${USAGE}`);
      return 2;
    }
    console.error(errorMessage(error));
    return 1;
  }
}

function errorMessage(error: unknown): string {
  if (error instanceof MigrationError) return error.message;
  return error instanceof Error ? (error.stack ?? error.message) : String(error);
}
