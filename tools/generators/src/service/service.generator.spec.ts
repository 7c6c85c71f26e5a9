import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { Tree } from '@nx/devkit';
import { FsTree } from 'nx/src/generators/tree';
import { parse } from 'yaml';
import { REGISTRIES, updateRegistries } from './registries';
import type { ServiceGeneratorSchema } from './schema';
import { normalizeOptions, serviceGenerator } from './service.generator';

/**
 * The generator against the real workspace, in memory: an FsTree reads the files on disk and
 * keeps every write to itself (nothing here flushes it), so these tests change nothing on disk.
 */
const workspaceRoot = join(__dirname, '../../../..');
const workspace = () => new FsTree(workspaceRoot, false);
const text = (tree: Tree, path: string) => tree.read(path, 'utf8') ?? '';
const changed = (tree: Tree) => tree.listChanges().map((change) => `${change.type} ${change.path}`);

/**
 * What formatFiles does after a generator, for these tests: inside Jest it cannot load prettier
 * (an ES module), so the generator runs with skipFormat and the prettier CLI formats the files
 * it changed, with the workspace's configuration.
 */
function formatChanges(tree: Tree): void {
  const files = tree.listChanges().filter((change) => change.type !== 'DELETE' && change.content);
  if (files.length === 0) return;
  const dir = mkdtempSync(join(tmpdir(), 'gongkai-generator-format-'));
  try {
    for (const { path, content } of files) {
      mkdirSync(dirname(join(dir, path)), { recursive: true });
      writeFileSync(join(dir, path), content as Buffer);
    }
    const prettier = join(workspaceRoot, 'node_modules', 'prettier', 'bin', 'prettier.cjs');
    const config = join(workspaceRoot, '.prettierrc');
    // Run from the scratch folder: from the workspace, its .gitignore (tmp/) would hide /tmp/… from prettier.
    execFileSync(process.execPath, [prettier, '--config', config, '--write', '--log-level', 'warn', '.'], {
      cwd: dir,
    });
    for (const { path } of files) tree.write(path, readFileSync(join(dir, path)));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function generate(tree: Tree, options: ServiceGeneratorSchema): Promise<void> {
  await serviceGenerator(tree, { ...options, skipFormat: true });
  formatChanges(tree);
}

/** Removes a service's app from the tree, all but its migrations and its README (the team's once written). */
function removeAppKeepingMigrations(tree: Tree, dir: string): void {
  for (const child of tree.children(dir)) {
    const path = `${dir}/${child}`;
    // The generated Prisma client is git-ignored build output.
    if (/\/(prisma\/migrations|src\/generated|README\.md)$/.test(path)) continue;
    if (tree.isFile(path)) tree.delete(path);
    else removeAppKeepingMigrations(tree, path);
  }
}

describe('nx g @gongkai/tools:service', () => {
  describe('a new service with the example operation', () => {
    let tree: Tree;

    beforeAll(async () => {
      tree = workspace();
      await generate(tree, { name: 'applications', departmentProjection: true });
    });

    it('writes the app: config, boot, Prisma schema with the shared fragments, health and example specs', () => {
      const written = changed(tree).filter((change) => change.startsWith('CREATE apps/applications/'));
      expect(written).toEqual(
        expect.arrayContaining(
          [
            'README.md',
            'project.json',
            'jest.config.cts',
            'tsconfig.json',
            'tsconfig.app.json',
            'webpack.config.cjs',
            'prisma.config.ts',
            'prisma/schema/schema.prisma',
            'prisma/schema/notes.prisma',
            'prisma/schema/messaging.prisma',
            'prisma/schema/idempotency.prisma',
            'prisma/schema/department-projection.prisma',
            'prisma/migrations/migration_lock.toml',
            'src/main.ts',
            'src/app/app.module.ts',
            'src/app/prisma.service.ts',
            'src/app/notes/notes.module.ts',
            'src/app/notes/notes.repository.ts',
            'src/app/notes/create-note/create-note.handler.ts',
            'src/app/notes/create-note/create-note.use-case.ts',
            'src/app/notes/get-note/get-note.handler.ts',
            'src/app/notes/get-note/get-note.use-case.ts',
            'src/app/notes/note-text.ts',
            'src/app/notes/note-text.spec.ts',
            'test/service.integration-spec.ts',
            'test/notes.integration-spec.ts',
            'test/department-projection.integration-spec.ts',
          ].map((path) => `CREATE apps/applications/${path}`),
        ),
      );
      expect(JSON.parse(text(tree, 'apps/applications/project.json'))).toMatchObject({
        name: 'applications',
        tags: ['type:app', 'scope:applications'],
      });
      expect(text(tree, 'apps/applications/src/app/app.module.ts')).toContain(
        "DepartmentProjectionModule.forService({ service: 'applications', prisma: PrismaService })",
      );
    });

    it('writes the first migration through the migration tool: the shared tables and the note', () => {
      const migration = changed(tree).find((change) =>
        /^CREATE apps\/applications\/prisma\/migrations\/\d{14}_init\/migration\.sql$/.test(change),
      );
      expect(migration).toBeDefined();
      const sql = text(tree, (migration ?? '').replace('CREATE ', ''));
      for (const table of [
        'note',
        'outbox',
        'inbox',
        'dead_letter',
        'idempotency_key',
        'department_projection',
      ])
        expect(sql).toContain(`CREATE TABLE "${table}"`);
      const copy = text(tree, 'apps/applications/prisma/schema/messaging.prisma');
      expect(copy).toContain('// GENERATED from libs/messaging/prisma/messaging.prisma');
    });

    it('writes the contracts and the gateway routes from the same definitions', () => {
      expect(text(tree, 'libs/contracts/src/applications/rpc.ts')).toContain(
        "subject: 'applications.notes.create'",
      );
      expect(text(tree, 'libs/contracts/src/applications/events.ts')).toContain(
        'export const ApplicationsNoteCreatedV1 = defineEvent({',
      );
      expect(text(tree, 'apps/gateway/src/app/applications/applications-notes.controller.ts')).toContain(
        '@RpcRoute(ApplicationsRpc.createNote, {',
      );
    });

    it('registers it everywhere the services are listed', () => {
      const services = text(tree, REGISTRIES.services);
      for (const list of ['SERVICE_NAMES', 'DATA_SERVICES', 'PRODUCING_SERVICES'])
        expect(services).toMatch(new RegExp(`${list} = \\[[^\\]]*'applications'`));
      expect(text(tree, REGISTRIES.departmentProjection)).toMatch(/\[[^\]]*'applications'/);
      expect(text(tree, REGISTRIES.contractsBarrel)).toContain("export * from './applications/rpc';");
      expect(text(tree, REGISTRIES.eventRegistry)).toContain('...Object.values(ApplicationsEvents),');
      expect(text(tree, REGISTRIES.eslint)).toContain(
        "applications: { libs: [...PLATFORM, 'scope:department-projection'], contracts: ['applications'] },",
      );
      expect(text(tree, REGISTRIES.launcher)).toMatch(/SERVICES = \[[^\]]*'applications'\]/);
      const compose = parse(text(tree, REGISTRIES.compose), { merge: true }) as {
        services: Record<string, { build?: { args?: Record<string, string> }; environment?: unknown }>;
      };
      expect(compose.services['applications']?.build?.args).toEqual({ APP: 'applications' });
      expect(compose.services['applications']?.environment).toEqual({
        ...(compose.services['reports']?.environment as Record<string, unknown>),
        NATS_USER: 'applications',
        NATS_PASSWORD: '${APPLICATIONS_NATS_PASSWORD:?set APPLICATIONS_NATS_PASSWORD, e.g. in .env}',
        DATABASE_SERVICE_PASSWORD:
          '${APPLICATIONS_DATABASE_PASSWORD:?set APPLICATIONS_DATABASE_PASSWORD, e.g. in .env}',
      });
      expect(compose.services['nats']?.environment).toMatchObject({
        APPLICATIONS_NATS_PASSWORD:
          '${APPLICATIONS_NATS_PASSWORD:?set APPLICATIONS_NATS_PASSWORD, e.g. in .env}',
      });
      const bus = text(tree, REGISTRIES.busPermissions);
      expect(bus).toMatch(/STREAMS_READ[^=]*= \{[^}]*applications: \['permissions'\],?\s*\}/);
      expect(bus).toMatch(/INTERNAL_CALLS[^=]*= \{[^}]*applications: \[\],?\s*\}/);
      expect(text(tree, REGISTRIES.postgresInit)).toContain('CREATE DATABASE gongkai_applications;');
      expect(text(tree, REGISTRIES.dockerfile)).toContain(
        '# APP is one of: gateway catalogue rounds permissions complaints reports applications.',
      );
      expect(JSON.parse(text(tree, REGISTRIES.e2eProject)).implicitDependencies).toContain('applications');
      expect(text(tree, REGISTRIES.kustomization)).toMatch(
        / {2}- services\/reports\n {2}- services\/applications\n/,
      );
      expect(text(tree, 'deploy/k8s/base/services/applications/kustomization.yaml')).toBe(
        text(tree, 'deploy/k8s/base/services/reports/kustomization.yaml')
          .replaceAll('reports', 'applications')
          .replaceAll('REPORTS', 'APPLICATIONS'),
      );
      expect(text(tree, REGISTRIES.cloudNativePgCluster)).toContain(
        '      - name: gongkai_applications_app\n        ensure: present\n',
      );
      expect(text(tree, REGISTRIES.cloudNativePgCluster)).toContain(
        '          name: gongkai-db-applications',
      );
      const gateway = text(tree, REGISTRIES.gatewayModule);
      expect(gateway).toContain("import { ApplicationsModule } from './applications/applications.module';");
      expect(gateway).toMatch(/Module,\s+ApplicationsModule,\s+\]/);
    });

    it('edits each registry once: registering the service again changes nothing', () => {
      const before = new Map(Object.values(REGISTRIES).map((path) => [path, text(tree, path)]));
      const options = normalizeOptions(workspace(), { name: 'applications', departmentProjection: true });
      updateRegistries(tree, options);
      formatChanges(tree);
      for (const [path, content] of before)
        expect({ path, content: text(tree, path) }).toEqual({ path, content });
    });
  });

  it('writes a bare skeleton with --no-example --no-events: no stream, no routes, no notes', async () => {
    const tree = workspace();
    await generate(tree, { name: 'archive', example: false, events: false });
    const paths = changed(tree);
    expect(paths.filter((change) => /notes|gateway\/src\/app\/archive/.test(change))).toEqual([]);
    expect(paths).toContain('CREATE libs/contracts/src/archive/rpc.ts');
    expect(paths).not.toContain('CREATE libs/contracts/src/archive/events.ts');
    expect(text(tree, REGISTRIES.services)).not.toMatch(/PRODUCING_SERVICES = \[[^\]]*'archive'/);
    expect(text(tree, REGISTRIES.gatewayModule)).toBe(
      readFileSync(join(workspaceRoot, REGISTRIES.gatewayModule), 'utf8'),
    );
  });

  // A skeleton regenerated with --overwrite is what the generator wrote: the same files, its
  // migrations kept (no new one), its hand-written files and registries left alone. (rounds,
  // complaints and reports were generated as skeletons, then grew their workflows, so the check
  // runs on a skeleton generated here.)
  it('regenerates a skeleton in place with --overwrite, keeping the files it does not write', async () => {
    const tree = workspace();
    await generate(tree, { name: 'archive', example: false, events: false });
    const contents = (from: Tree) =>
      new Map(from.listChanges().map((change) => [change.path, change.content?.toString('utf8') ?? null]));
    tree.write('apps/archive/src/app/archive-rules.ts', 'export const KEPT = true;\n');
    const generated = contents(tree);
    removeAppKeepingMigrations(tree, 'apps/archive');
    tree.write('apps/archive/src/app/archive-rules.ts', 'export const KEPT = true;\n');
    await generate(tree, { name: 'archive', example: false, events: false, overwrite: true });
    expect(contents(tree)).toEqual(generated);
    await generate(tree, { name: 'archive', example: false, events: false, overwrite: true });
    expect(contents(tree)).toEqual(generated);
  });

  it.each([
    [{ name: 'Applications' }, /cannot be a service name/],
    [{ name: 'zz-probe' }, /cannot be a service name/],
    [{ name: 'gateway' }, /reserved/],
    [{ name: 'messaging' }, /the project in libs\/messaging/],
    [{ name: 'catalogue' }, /apps\/catalogue already exists.*--overwrite/],
    [{ name: 'applications', events: false }, /--no-example with --no-events/],
  ])('refuses %j', async (options, message) => {
    await expect(serviceGenerator(workspace(), options)).rejects.toThrow(message);
  });

  it('refuses the example for a service whose contracts exist', async () => {
    const tree = workspace();
    removeAppKeepingMigrations(tree, 'apps/rounds');
    await expect(serviceGenerator(tree, { name: 'rounds' })).rejects.toThrow(
      /libs\/contracts\/src\/rounds already exists/,
    );
  });
});
