import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { formatFiles, generateFiles, getProjects, logger, names, type Tree } from '@nx/devkit';
import { writeSchemaAndMigration } from './prisma-files';
import { updateRegistries } from './registries';
import type { ServiceGeneratorSchema, ServiceOptions } from './schema';

const NAME = /^[a-z]{2,30}$/;
/** Names a service cannot take besides other projects' names: the gateway, contracts' shared folder. */
const RESERVED = ['gateway', 'common'];

export function normalizeOptions(tree: Tree, schema: ServiceGeneratorSchema): ServiceOptions {
  const name = schema.name?.trim() ?? '';
  if (!NAME.test(name))
    throw new Error(
      `"${name}" cannot be a service name: use 2–30 lowercase letters (it becomes a NATS subject ` +
        `segment, the database gongkai_${name || '<name>'} and ${name.toUpperCase() || '<NAME>'}_DATABASE_URL).`,
    );
  if (RESERVED.includes(name)) throw new Error(`"${name}" is reserved; choose another service name.`);
  const taken = getProjects(tree).get(name);
  if (taken && taken.root !== `apps/${name}`)
    throw new Error(`"${name}" is the name of the project in ${taken.root}; choose another service name.`);
  if (tree.exists(`apps/${name}/project.json`) && !schema.overwrite)
    throw new Error(
      `apps/${name} already exists. To regenerate its skeleton in place, add --overwrite (its ` +
        `migrations stay, a new one is written only if the schema changed; files the generator ` +
        `does not write are kept).`,
    );
  const example = schema.example ?? true;
  const events = schema.events ?? true;
  if (example && !events)
    throw new Error('The example operation emits an event: use --no-example with --no-events.');
  const contractsDir = `libs/contracts/src/${name}`;
  const contractsExist = tree.exists(contractsDir) && tree.children(contractsDir).length > 0;
  if (example && contractsExist)
    throw new Error(
      `${contractsDir} already exists: the example is for a new service (use --no-example; ` +
        `the service's own contracts are left as they are).`,
    );
  // An existing contracts folder is the service's own: nothing is written into it. Without the
  // example, rpc.ts starts the folder (events.ts comes with the service's first event).
  const contractFiles = contractsExist ? [] : example ? ['notes', 'rpc', 'events'] : ['rpc'];
  const { className, constantName } = names(name);
  return {
    name,
    className,
    constantName,
    example,
    events,
    departmentProjection: schema.departmentProjection ?? false,
    skipFormat: schema.skipFormat ?? false,
    contractFiles,
  };
}

/**
 * `npx nx g @gongkai/tools:service <name>`: a data service in the shape every service has
 * (CONTRIBUTING.md, "The shape of a service"), registered everywhere the services are listed.
 */
export async function serviceGenerator(tree: Tree, schema: ServiceGeneratorSchema) {
  const options = normalizeOptions(tree, schema);
  const substitutions = { ...options, tmpl: '' };
  const files = (folder: string) => generateFiles(tree, join(__dirname, 'files', folder), '.', substitutions);

  // The README is the service's to write once generated: regenerating keeps it.
  const readmePath = `apps/${options.name}/README.md`;
  const readme = tree.read(readmePath);
  files('app');
  if (readme) tree.write(readmePath, readme);
  if (options.departmentProjection) files('projection');
  if (options.example) files('example');
  if (options.contractFiles.includes('rpc')) files('contracts-rpc');
  const migration = await writeSchemaAndMigration(tree, options);
  updateRegistries(tree, options);
  if (!options.skipFormat) await formatFiles(tree);

  return () => {
    renderNatsUsers(tree.root);
    logger.info(
      [
        `Service ${options.name} is in apps/${options.name}` +
          (migration ? ` with its migration ${migration}.` : ' (its migrations were already up to date).'),
        'Next:',
        `  npx nx run-many -t lint typecheck build test integration -p ${options.name}`,
        ...(readme
          ? []
          : [
              `  apps/${options.name}/README.md: say what the service is for.`,
              `  docs/configuration.md: add ${options.name} where the services are listed (DATABASE_URL, METRICS_PORT order).`,
            ]),
      ].join('\n'),
    );
  };
}

/**
 * tools/docker/nats-users.conf (and deploy/k8s/nats/users.yaml) is rendered by the bus permissions' own spec from the service list
 * just written (the renderer reads the compiled contracts, so it runs after the files are on disk).
 */
function renderNatsUsers(root: string): void {
  execFileSync(
    process.execPath,
    [
      require.resolve('jest/bin/jest'),
      '-c',
      'libs/messaging/jest.config.cts',
      '--testPathPatterns',
      'nats-server-config\\.spec',
      '-t',
      'tools/docker/nats-users.conf is exactly',
    ],
    { cwd: root, env: { ...process.env, UPDATE_NATS_USERS: '1' }, stdio: 'ignore' },
  );
  logger.info('UPDATE tools/docker/nats-users.conf');
  // The same users as Helm values for Kubernetes, rendered by tools/deploy's spec.
  execFileSync(
    process.execPath,
    [
      require.resolve('jest/bin/jest'),
      '-c',
      'tools/deploy/jest.config.cts',
      '--testPathPatterns',
      'nats-users\\.spec',
      '-t',
      'is exactly what the bus permissions generate',
    ],
    { cwd: root, env: { ...process.env, UPDATE_NATS_USERS: '1' }, stdio: 'ignore' },
  );
  logger.info('UPDATE deploy/k8s/nats/users.yaml');
}

export default serviceGenerator;
