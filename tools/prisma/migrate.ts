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
  migrationStatus,
  prismaPathsIn,
} from '@gongkai/persistence';

const USAGE = `Usage: node tools/prisma/migrate.mjs <command>

  create <service> <name>   write apps/<service>/prisma/migrations/<timestamp>_<name>/ from the
                            change to apps/<service>/prisma/schema/ (no database needed)
  deploy <service>|--all    create the service database if missing, then apply pending migrations
  status <service>|--all    compare the migrations folder with the database (exit 1 unless up to date)

Services: ${DATA_SERVICES.join(', ')}
Database: <SERVICE>_DATABASE_URL, else DATABASE_URL's server with database gongkai_<service>.
`;

const workspaceRoot = resolve(__dirname, '..', '..');

class UsageError extends Error {}

function pathsOf(service: DataServiceName) {
  return prismaPathsIn(resolve(workspaceRoot, 'apps', service));
}

function parseService(value: string | undefined): DataServiceName {
  const service = DATA_SERVICES.find((name) => name === value);
  if (!service) throw new UsageError(value ? `Unknown service "${value}"` : 'Name a service');
  return service;
}

function parseServices(value: string | undefined): DataServiceName[] {
  return value === '--all' ? [...DATA_SERVICES] : [parseService(value)];
}

async function create(service: DataServiceName, name: string | undefined): Promise<void> {
  if (!name) throw new UsageError('Name the migration, e.g. add_department_status');
  const created = await createMigration({ name, ...pathsOf(service) });
  console.log(`${service}: wrote ${created.directory}`);
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
        await create(parseService(target), name);
        return 0;
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
