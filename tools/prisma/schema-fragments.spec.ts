import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { unmigratedChanges } from '@gongkai/persistence';
import { createMigrations } from './migrate';
import {
  describeStale,
  generatedCopy,
  PRISMA_SCHEMAS,
  staleFragmentCopies,
  writeFragmentCopies,
  type PrismaSchema,
} from './schema-fragments';

const workspaceRoot = join(__dirname, '..', '..');

const HEADER = `generator client {
  provider = "prisma-client"
  output   = "../generated"
}

datasource db {
  provider = "postgresql"
}
`;
const SHARED = `model Shared {
  id String @id @db.Uuid

  @@map("shared")
}
`;

describe('the shared schema fragments in this repository', () => {
  it('are copied, unchanged, wherever tools/prisma/schema-fragments.ts says', async () => {
    const stale = await staleFragmentCopies(workspaceRoot);
    // The message names each stale copy and the command that regenerates it.
    if (stale.length > 0) throw new Error(describeStale(stale));
  });

  it.each(PRISMA_SCHEMAS.map(({ target, prismaDir }) => ({ target, prismaDir })))(
    '$target has a migration for every change to its schema',
    async ({ prismaDir }) => {
      const changes = await unmigratedChanges({
        schemaDir: join(workspaceRoot, prismaDir, 'schema'),
        migrationsDir: join(workspaceRoot, prismaDir, 'migrations'),
      });
      // If this fails: npm run db:migration:create -- <schema> <what_changed>
      expect(changes).toBeNull();
    },
  );
});

describe('generating the copies', () => {
  let root: string;
  const schema: PrismaSchema = {
    target: 'rounds',
    prismaDir: 'apps/svc/prisma',
    fragments: ['libs/shared/prisma/shared.prisma'],
  };
  const copyPath = 'apps/svc/prisma/schema/shared.prisma';
  const write = async (path: string, content: string) => {
    await mkdir(dirname(join(root, path)), { recursive: true });
    await writeFile(join(root, path), content);
  };
  const read = (path: string) => readFile(join(root, path), 'utf8');

  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), 'schema-fragments-'));
    await write('libs/shared/prisma/shared.prisma', SHARED);
    await write('apps/svc/prisma/schema/schema.prisma', HEADER);
  });

  afterEach(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it('writes each copy with a header naming its source and the command', async () => {
    expect(await writeFragmentCopies(root, [schema])).toEqual([copyPath]);

    const copy = await read(copyPath);
    expect(copy).toBe(generatedCopy('libs/shared/prisma/shared.prisma', SHARED));
    expect(copy.split('\n')[0]).toBe(
      '// GENERATED from libs/shared/prisma/shared.prisma by `npm run db:fragments`.',
    );
    expect(copy.endsWith(SHARED)).toBe(true);
    expect(await writeFragmentCopies(root, [schema])).toEqual([]);
  });

  it('tells which copy is missing, edited or no longer declared', async () => {
    expect(await staleFragmentCopies(root, [schema])).toEqual([
      { path: copyPath, reason: 'missing (copy of libs/shared/prisma/shared.prisma)' },
    ]);

    await writeFragmentCopies(root, [schema]);
    await write(copyPath, (await read(copyPath)).replace('@@map("shared")', '@@map("edited")'));
    expect(await staleFragmentCopies(root, [schema])).toEqual([
      { path: copyPath, reason: 'differs from libs/shared/prisma/shared.prisma' },
    ]);

    await writeFragmentCopies(root, [schema]);
    const undeclared = { ...schema, fragments: [] };
    expect(await staleFragmentCopies(root, [undeclared])).toEqual([
      { path: copyPath, reason: 'rounds no longer declares it' },
    ]);
    expect(describeStale(await staleFragmentCopies(root, [undeclared]))).toContain(
      'Run `npm run db:fragments`',
    );
  });

  it('removes a generated copy no longer declared, never a hand-written file', async () => {
    await writeFragmentCopies(root, [schema]);
    await writeFragmentCopies(root, [{ ...schema, fragments: [] }]);

    expect(await readdir(join(root, 'apps/svc/prisma/schema'))).toEqual(['schema.prisma']);
  });

  it('is what creating a migration does first, so the migration has the current source', async () => {
    const log: string[] = [];
    await createMigrations({
      workspaceRoot: root,
      schemas: [schema],
      name: 'init',
      log: (line) => log.push(line),
    });

    expect(await read(copyPath)).toBe(generatedCopy('libs/shared/prisma/shared.prisma', SHARED));
    const [migration] = (await readdir(join(root, 'apps/svc/prisma/migrations'))).filter((name) =>
      name.endsWith('_init'),
    );
    expect(await read(`apps/svc/prisma/migrations/${migration}/migration.sql`)).toContain(
      'CREATE TABLE "shared"',
    );
    expect(log).toEqual([`wrote ${copyPath}`, expect.stringMatching(/^rounds: wrote .*_init$/)]);
  });
});
