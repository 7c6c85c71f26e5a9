import { existsSync } from 'node:fs';
import { readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { DATA_SERVICES, DEPARTMENT_PROJECTING_SERVICES, type DataServiceName } from '@gongkai/contracts';

/**
 * A Prisma schema folder cannot include files from elsewhere, so each schema that needs the
 * shared models carries a generated copy of them. This file is the one place that says which
 * schema carries which fragment; `npm run db:fragments` (and `db:migration:create`, before it
 * diffs) writes the copies, `npm run db:fragments:check` says which ones are stale.
 */
export const REGENERATE_COMMAND = 'npm run db:fragments';

/** The sources, relative to the workspace root. */
export const FRAGMENTS = {
  messaging: 'libs/messaging/prisma/messaging.prisma',
  idempotency: 'libs/messaging/prisma/idempotency.prisma',
  departmentProjection: 'libs/department-projection/prisma/department-projection.prisma',
} as const;

/** A schema the migration tool writes migrations for: a data service, or a library's test schema. */
export type SchemaTarget = DataServiceName | 'messaging-test';

export interface PrismaSchema {
  target: SchemaTarget;
  /** The folder holding `schema/` and `migrations/`, relative to the workspace root. */
  prismaDir: string;
  /** Workspace-relative sources of the fragments its `schema/` folder carries. */
  fragments: string[];
}

const projecting = (service: string) =>
  (DEPARTMENT_PROJECTING_SERVICES as readonly string[]).includes(service);

/**
 * A data service's schema: every service database has the outbox, inbox, dead letters and
 * idempotency keys; the ones that keep a department projection have its table. (The service
 * generator calls this for a service that is not in DATA_SERVICES yet.)
 */
export function serviceSchema(
  service: DataServiceName,
  options: { departmentProjection: boolean },
): PrismaSchema {
  return {
    target: service,
    prismaDir: `apps/${service}/prisma`,
    fragments: [
      FRAGMENTS.messaging,
      FRAGMENTS.idempotency,
      ...(options.departmentProjection ? [FRAGMENTS.departmentProjection] : []),
    ],
  };
}

export const PRISMA_SCHEMAS: PrismaSchema[] = [
  // Projecting: contracts' DEPARTMENT_PROJECTING_SERVICES.
  ...DATA_SERVICES.map((service) => serviceSchema(service, { departmentProjection: projecting(service) })),
  // The messaging library's own integration tests run a throwaway service schema.
  {
    target: 'messaging-test',
    prismaDir: 'libs/messaging/test/prisma',
    fragments: [FRAGMENTS.messaging, FRAGMENTS.idempotency],
  },
];

export const SCHEMA_TARGETS: SchemaTarget[] = PRISMA_SCHEMAS.map(({ target }) => target);

export function schemaOf(target: SchemaTarget): PrismaSchema {
  const schema = PRISMA_SCHEMAS.find((candidate) => candidate.target === target);
  if (!schema) throw new Error(`Unknown schema ${target}`);
  return schema;
}

const GENERATED = '// GENERATED from ';

/** What the copy of `source` must contain: a header naming its source, then the source. */
export function generatedCopy(source: string, content: string): string {
  return (
    `${GENERATED}${source} by \`${REGENERATE_COMMAND}\`.\n` +
    `// Do not edit this copy: change the source and run the command (db:migration:create runs it too).\n\n` +
    content
  );
}

export interface FragmentCopy {
  /** Workspace-relative path of the copy. */
  path: string;
  /** The source it comes from, or null for a generated copy no schema declares any more. */
  source: string | null;
  /** What the file must contain, or null when it must not exist. */
  expected: string | null;
}

/** The copies `schema` must carry, plus generated copies it carries but no longer declares. */
async function copiesOf(workspaceRoot: string, schema: PrismaSchema): Promise<FragmentCopy[]> {
  const schemaDir = join(workspaceRoot, schema.prismaDir, 'schema');
  const declared = await Promise.all(
    schema.fragments.map(async (source) => ({
      path: join(schema.prismaDir, 'schema', basename(source)),
      source,
      expected: generatedCopy(source, await readFile(join(workspaceRoot, source), 'utf8')),
    })),
  );
  const declaredNames = new Set(declared.map(({ path }) => basename(path)));
  const leftovers: FragmentCopy[] = [];
  for (const name of existsSync(schemaDir) ? await readdir(schemaDir) : []) {
    if (!name.endsWith('.prisma') || declaredNames.has(name)) continue;
    const content = await readFile(join(schemaDir, name), 'utf8');
    if (content.startsWith(GENERATED))
      leftovers.push({ path: join(schema.prismaDir, 'schema', name), source: null, expected: null });
  }
  return [...declared, ...leftovers];
}

export interface StaleCopy {
  path: string;
  reason: string;
}

/** Copies that are missing, differ from their source, or are no longer declared. */
export async function staleFragmentCopies(
  workspaceRoot: string,
  schemas: PrismaSchema[] = PRISMA_SCHEMAS,
): Promise<StaleCopy[]> {
  const stale: StaleCopy[] = [];
  for (const schema of schemas) {
    for (const copy of await copiesOf(workspaceRoot, schema)) {
      const actual = await readFile(join(workspaceRoot, copy.path), 'utf8').catch(() => null);
      if (copy.expected === null)
        stale.push({ path: copy.path, reason: `${schema.target} no longer declares it` });
      else if (actual === null) stale.push({ path: copy.path, reason: `missing (copy of ${copy.source})` });
      else if (actual !== copy.expected)
        stale.push({ path: copy.path, reason: `differs from ${copy.source}` });
    }
  }
  return stale;
}

/** Writes every copy the schemas declare and removes generated copies they no longer declare. */
export async function writeFragmentCopies(
  workspaceRoot: string,
  schemas: PrismaSchema[] = PRISMA_SCHEMAS,
): Promise<string[]> {
  const changed: string[] = [];
  for (const schema of schemas) {
    for (const copy of await copiesOf(workspaceRoot, schema)) {
      const path = join(workspaceRoot, copy.path);
      const actual = await readFile(path, 'utf8').catch(() => null);
      if (copy.expected === null) await rm(path);
      else if (actual !== copy.expected) await writeFile(path, copy.expected, 'utf8');
      else continue;
      changed.push(copy.path);
    }
  }
  return changed;
}

/** The message for a failed check. */
export function describeStale(stale: StaleCopy[]): string {
  return [
    'Schema fragment copies are stale:',
    ...stale.map(({ path, reason }) => `  ${path}: ${reason}`),
    `Run \`${REGENERATE_COMMAND}\` and commit the result (tools/prisma/schema-fragments.ts says which schema gets which).`,
  ].join('\n');
}
