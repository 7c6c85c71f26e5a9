import { readJson, type Tree } from '@nx/devkit';
import { parse } from 'yaml';
import type { ServiceOptions } from './schema';
import { addImport, addLine, addToArray, addToObject, addToPropertyArray } from './source-edits';

/**
 * Every place outside the service's own folders that lists the services, so the new one is
 * first-class: contracts (names, streams, department projection, events, barrel), lint
 * boundaries, the launcher, Docker, the end-to-end project and the gateway. Each edit is a no-op
 * when the service is already there, so regenerating an existing service changes none of them.
 */
export const REGISTRIES = {
  services: 'libs/contracts/src/common/services.ts',
  departmentProjection: 'libs/contracts/src/common/department-projection.ts',
  contractsBarrel: 'libs/contracts/src/index.ts',
  eventRegistry: 'libs/contracts/src/common/event-registry.ts',
  eslint: 'eslint.config.mjs',
  busPermissions: 'libs/messaging/src/bus/bus-permissions.ts',
  launcher: 'tools/launcher/apps.mjs',
  compose: 'docker-compose.yml',
  postgresInit: 'tools/docker/postgres-init.sql',
  dockerfile: 'Dockerfile',
  e2eProject: 'e2e/system/project.json',
  gatewayModule: 'apps/gateway/src/app/app.module.ts',
  kustomization: 'deploy/k8s/base/kustomization.yaml',
  cloudNativePgCluster: 'deploy/k8s/components/cloudnative-pg/cluster.yaml',
} as const;

export function updateRegistries(tree: Tree, options: ServiceOptions): void {
  const { name, className } = options;
  const quoted = `'${name}'`;

  // Contracts: the one list of services every lib and tool derives from.
  addToArray(tree, REGISTRIES.services, 'SERVICE_NAMES', quoted);
  addToArray(tree, REGISTRIES.services, 'DATA_SERVICES', quoted);
  if (options.events) addToArray(tree, REGISTRIES.services, 'PRODUCING_SERVICES', quoted);
  if (options.departmentProjection)
    addToArray(tree, REGISTRIES.departmentProjection, 'DEPARTMENT_PROJECTING_SERVICES', quoted);
  for (const file of options.contractFiles)
    addLine(tree, REGISTRIES.contractsBarrel, `export * from './${name}/${file}';`);
  if (options.contractFiles.includes('events')) {
    addImport(tree, REGISTRIES.eventRegistry, `${className}Events`, `../${name}/events`);
    addToArray(tree, REGISTRIES.eventRegistry, 'ALL_EVENTS', `...Object.values(${className}Events)`);
  }

  // Lint: the app's row in the boundaries table (its scope tag is in its project.json).
  const libs = options.departmentProjection ? `[...PLATFORM, 'scope:department-projection']` : 'PLATFORM';
  addToObject(tree, REGISTRIES.eslint, 'APPS', name, `{ libs: ${libs}, contracts: [${quoted}] }`);

  // Its NATS user: the streams it reads (permissions' for the department projection), no calls to
  // other services. tools/docker/nats-users.conf is rendered from this after the files are written.
  const streams = options.departmentProjection ? `['permissions']` : '[]';
  addToObject(tree, REGISTRIES.busPermissions, 'STREAMS_READ', name, streams);
  addToObject(tree, REGISTRIES.busPermissions, 'INTERNAL_CALLS', name, '[]');

  // What `npm start` builds and runs (appended: METRICS_PORT offsets of the others stay).
  addToArray(tree, REGISTRIES.launcher, 'SERVICES', quoted);

  addComposeService(tree, name, options.constantName);
  addLine(tree, REGISTRIES.postgresInit, `CREATE DATABASE gongkai_${name};`);
  addToDockerfileComment(tree, name);
  addKubernetesService(tree, name);

  addToImplicitDependencies(tree, REGISTRIES.e2eProject, name);

  if (options.example) {
    addImport(tree, REGISTRIES.gatewayModule, `${className}Module`, `./${name}/${name}.module`);
    addToPropertyArray(tree, REGISTRIES.gatewayModule, 'imports', `${className}Module`);
  }
}

/** The service's Deployment and friends in Kubernetes: the shared template, named for it. */
function addKubernetesService(tree: Tree, name: string): void {
  const folder = `deploy/k8s/base/services/${name}`;
  if (!tree.exists(`${folder}/kustomization.yaml`)) {
    tree.write(
      `${folder}/kustomization.yaml`,
      [
        `# The ${name} service: the shared service template, named and labelled for it.`,
        'apiVersion: kustomize.config.k8s.io/v1beta1',
        'kind: Kustomization',
        'resources:',
        '  - ../../service',
        `nameSuffix: -${name}`,
        'labels:',
        '  - pairs:',
        `      app.kubernetes.io/name: ${name}`,
        '    includeSelectors: true',
        'images:',
        '  - name: gongkai/service',
        `    newName: gongkai/${name}`,
        `# Its NATS user and its database role (Secrets gongkai-nats and gongkai-db-${name}).`,
        'patches:',
        '  - target:',
        '      kind: Deployment',
        '      name: gongkai',
        '    patch: |-',
        '      # Its own NATS user (../../../nats/users.yaml): the subjects of bus-permissions.ts only.',
        '      - op: add',
        '        path: /spec/template/spec/containers/0/env/-',
        '        value:',
        '          name: NATS_USER',
        `          value: ${name}`,
        '      - op: add',
        '        path: /spec/template/spec/containers/0/env/-',
        '        value:',
        '          name: NATS_PASSWORD',
        '          valueFrom:',
        '            secretKeyRef:',
        '              name: gongkai-nats',
        `              key: ${name.toUpperCase()}_NATS_PASSWORD`,
        `      # Migrates as DATABASE_URL's owner, then runs as gongkai_${name}_app with this password (owns`,
        '      # nothing; a CloudNativePG managed role, components/cloudnative-pg, from the same Secret).',
        '      - op: add',
        '        path: /spec/template/spec/containers/0/env/-',
        '        value:',
        '          name: DATABASE_SERVICE_PASSWORD',
        '          valueFrom:',
        '            secretKeyRef:',
        `              name: gongkai-db-${name}`,
        '              key: password',
        '',
      ].join('\n'),
    );
  }
  addDatabaseRole(tree, name);
  const content = tree.read(REGISTRIES.kustomization, 'utf8') ?? '';
  const entry = `  - services/${name}`;
  if (content.split('\n').includes(entry)) return;
  const lines = content.split('\n');
  const last = lines
    .map((line, index) => (line.startsWith('  - services/') ? index : -1))
    .filter((i) => i >= 0)
    .pop();
  if (last === undefined) throw new Error(`${REGISTRIES.kustomization}: cannot find the services/ resources`);
  lines.splice(last + 1, 0, entry);
  tree.write(REGISTRIES.kustomization, lines.join('\n'));
}

/** Its run-time database role on Kubernetes: a CloudNativePG managed role like the other services'. */
function addDatabaseRole(tree: Tree, name: string): void {
  const content = tree.read(REGISTRIES.cloudNativePgCluster, 'utf8') ?? '';
  if (content.includes(`- name: gongkai_${name}_app`)) return;
  const lines = content.split('\n');
  const last = lines
    .map((line, index) => (/^ {10}name: gongkai-db-/.test(line) ? index : -1))
    .filter((index) => index >= 0)
    .pop();
  if (last === undefined)
    throw new Error(`${REGISTRIES.cloudNativePgCluster}: cannot find the services' managed roles`);
  lines.splice(
    last + 1,
    0,
    `      - name: gongkai_${name}_app`,
    '        ensure: present',
    '        login: true',
    '        superuser: false',
    '        createdb: false',
    '        createrole: false',
    '        replication: false',
    '        bypassrls: false',
    '        passwordSecret:',
    `          name: gongkai-db-${name}`,
  );
  tree.write(REGISTRIES.cloudNativePgCluster, lines.join('\n'));
}

const requiredVariable = (variable: string) => `\${${variable}:?set ${variable}, e.g. in .env}`;

/**
 * A compose service built from the Dockerfile with APP=<name>, like the other data services: it
 * logs in to NATS as its own user and runs as its own database role; the nats service reads the
 * user's password.
 */
function addComposeService(tree: Tree, name: string, constantName: string): void {
  const content = tree.read(REGISTRIES.compose, 'utf8') ?? '';
  const compose = parse(content, { merge: true }) as { services?: Record<string, unknown> };
  if (compose.services?.[name]) return;
  const natsPassword = `${constantName}_NATS_PASSWORD`;
  const databasePassword = `${constantName}_DATABASE_PASSWORD`;
  const block = [
    `  ${name}:`,
    '    <<: *data-service',
    '    build:',
    '      context: .',
    '      args:',
    `        APP: ${name}`,
    `    image: gongkai/${name}:local`,
    '    environment:',
    '      <<: *data-service-env',
    `      NATS_USER: ${name}`,
    `      NATS_PASSWORD: ${requiredVariable(natsPassword)}`,
    `      # Migrates as DATABASE_URL's owner, then runs as gongkai_${name}_app with this password (owns nothing).`,
    `      DATABASE_SERVICE_PASSWORD: ${requiredVariable(databasePassword)}`,
    '',
  ].join('\n');
  // The services map ends where the next top-level key (volumes:) begins.
  const match = /\n(?=volumes:)/.exec(content);
  if (!match) throw new Error(`${REGISTRIES.compose}: cannot find the top-level volumes: after services`);
  const withService = `${content.slice(0, match.index + 1)}${block}\n${content.slice(match.index + 1)}`;
  // The nats service's list of the users' passwords: after the last one.
  const passwords = [...withService.matchAll(/^ {6}[A-Z_]+_NATS_PASSWORD: .*$/gm)].pop();
  if (!passwords)
    throw new Error(`${REGISTRIES.compose}: cannot find the nats service's <APP>_NATS_PASSWORD list`);
  const at = passwords.index + passwords[0].length;
  const line = `\n      ${natsPassword}: ${requiredVariable(natsPassword)}`;
  tree.write(REGISTRIES.compose, `${withService.slice(0, at)}${line}${withService.slice(at)}`);
}

/** The Dockerfile's comment that names every app APP can be. */
function addToDockerfileComment(tree: Tree, name: string): void {
  const content = tree.read(REGISTRIES.dockerfile, 'utf8') ?? '';
  const updated = content.replace(/^(# APP is one of: )([a-z ]+)\.$/m, (line, head: string, apps: string) =>
    apps.split(' ').includes(name) ? line : `${head}${apps} ${name}.`,
  );
  tree.write(REGISTRIES.dockerfile, updated);
}

/** Adds the app to a project.json's implicitDependencies, editing only that line (updateJson would reflow the file). */
function addToImplicitDependencies(tree: Tree, path: string, name: string): void {
  const dependencies = readJson<{ implicitDependencies?: string[] }>(tree, path).implicitDependencies;
  if (!dependencies) throw new Error(`${path} has no implicitDependencies`);
  if (dependencies.includes(name)) return;
  const list = [...dependencies, name].map((dependency) => JSON.stringify(dependency)).join(', ');
  const content = tree.read(path, 'utf8') ?? '';
  tree.write(
    path,
    content.replace(/"implicitDependencies":\s*\[[^\]]*\]/, `"implicitDependencies": [${list}]`),
  );
}
