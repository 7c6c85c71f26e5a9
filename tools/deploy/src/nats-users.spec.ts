import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ServiceName } from '@gongkai/contracts';
import { busPermissionsOf, natsPasswordVariableOf } from '@gongkai/messaging';
import { parse } from 'yaml';
// tools/launcher is plain Node.js outside any Nx project: the one list of apps.
// eslint-disable-next-line @nx/enforce-module-boundaries
import { APPS } from '../../launcher/apps.mjs';
import { readYaml, render, workspaceRoot } from './manifests';
import {
  NATS_SECRET,
  NATS_USERS_VALUES,
  natsUsersValues,
  OPS_PASSWORD_VARIABLE,
  OPS_USER,
  renderNatsUsersValues,
  variableReference,
} from './nats-users';

// The NATS users on Kubernetes (deploy/k8s/nats/users.yaml, Helm values) against their source
// (bus-permissions.ts), compose's users (tools/docker/nats-users.conf), and the apps' Deployments.

/* eslint-disable @typescript-eslint/no-explicit-any */
const NATS_VALUES = {
  campus: 'deploy/k8s/nats/values-campus.yaml',
  'single-node': 'deploy/k8s/nats/values-single-node.yaml',
};
const runbook = readFileSync(join(workspaceRoot, 'deploy', 'README.md'), 'utf8');
const compose = parse(readFileSync(join(workspaceRoot, 'docker-compose.yml'), 'utf8'), { merge: true });

/** Helm's merge of values files (`-f a -f b`): maps merge key by key, anything else is replaced. */
function helmMerge(base: any, over: any): any {
  if (!base || typeof base !== 'object' || Array.isArray(base)) return over;
  if (!over || typeof over !== 'object' || Array.isArray(over)) return over;
  const merged = { ...base };
  for (const [key, value] of Object.entries(over)) merged[key] = helmMerge(base[key], value);
  return merged;
}

/**
 * The users of a file in nats-users.conf's format (as renderNatsAuthorization writes it): name,
 * password variable and permissions, read back so the two renderings can be compared as data.
 */
function usersOfConf(conf: string) {
  const blocks = conf.split(/\n {4}\{\n/).slice(1);
  return blocks.map((block) => {
    const listAfter = (key: string) => {
      const match = new RegExp(`${key}: \\{ allow: \\[\\n([\\s\\S]*?)\\n\\s*\\] \\}`).exec(block);
      return match ? [...(match[1] ?? '').matchAll(/"([^"]*)"/g)].map((m) => m[1]) : undefined;
    };
    return {
      user: /user: "([^"]+)"/.exec(block)?.[1],
      passwordVariable: /password: \$(\w+)/.exec(block)?.[1],
      publish: listAfter('publish'),
      subscribe: listAfter('subscribe'),
      allowResponses: /allow_responses: true/.test(block),
    };
  });
}

describe(`${NATS_USERS_VALUES} (the NATS users, Helm values)`, () => {
  it('is exactly what the bus permissions generate (UPDATE_NATS_USERS=1 rewrites it)', () => {
    const path = join(workspaceRoot, NATS_USERS_VALUES);
    const generated = renderNatsUsersValues();
    if (process.env['UPDATE_NATS_USERS'] === '1') writeFileSync(path, generated);
    expect(readFileSync(path, 'utf8')).toBe(generated);
    expect(parse(generated)).toEqual(natsUsersValues());
  });

  it('grants every app the same subjects as compose (tools/docker/nats-users.conf), and names the same variables', () => {
    const conf = usersOfConf(readFileSync(join(workspaceRoot, 'tools', 'docker', 'nats-users.conf'), 'utf8'));
    expect(conf.map((u) => u.user).sort()).toEqual([...APPS].sort());
    const values = readYaml<any>(NATS_USERS_VALUES).config.merge.authorization.users;
    for (const fromConf of conf) {
      const user = values.find((u: any) => u.user === fromConf.user);
      expect(user).toEqual({
        user: fromConf.user,
        password: variableReference(fromConf.passwordVariable as string),
        permissions: {
          publish: { allow: fromConf.publish },
          subscribe: { allow: fromConf.subscribe },
          ...(fromConf.allowResponses ? { allow_responses: true } : {}),
        },
      });
    }
    // The same variables compose gives its nats-server.
    expect(Object.keys(compose.services.nats.environment).sort()).toEqual(
      conf.map((u) => u.passwordVariable).sort(),
    );
  });

  it("sets only free-form maps the chart has (config.merge, the containers' env)", () => {
    const chart = parse(
      readFileSync(join(__dirname, '..', 'schemas', 'nats-chart-2.14.2-values.yaml'), 'utf8'),
    );
    const values = readYaml<any>(NATS_USERS_VALUES);
    expect(Object.keys(values).sort()).toEqual(['config', 'container', 'natsBox']);
    expect(Object.keys(values.config)).toEqual(['merge']);
    expect(Object.keys(values.container)).toEqual(['env']);
    expect(Object.keys(values.natsBox)).toEqual(['container']);
    expect(Object.keys(values.natsBox.container)).toEqual(['env']);
    expect(chart.config.merge).toEqual({});
    expect(chart.container.env).toEqual({});
    expect(chart.natsBox.container.env).toEqual({});
  });

  describe.each(Object.entries(NATS_VALUES))('with values-%s (%s)', (overlay, file) => {
    // Read in the tests: the first test above may have just written the file.
    let values: any;
    let users: any[];
    beforeAll(() => {
      values = helmMerge(readYaml<any>(file), readYaml<any>(NATS_USERS_VALUES) ?? {});
      users = values.config.merge?.authorization?.users ?? [];
    });

    it('keeps what the overlay sets (only maps the overlay does not set are added)', () => {
      const overlayValues = readYaml<any>(file);
      expect(values.config.jetstream).toEqual(overlayValues.config.jetstream);
      expect(values.container.env).toEqual(expect.objectContaining(overlayValues.container.env));
      expect(values.natsBox.container.image).toEqual(overlayValues.natsBox.container.image);
      // An overlay that set config.merge.authorization itself would be merged into, not replaced.
      expect(overlayValues.config.merge?.authorization).toBeUndefined();
    });

    it("has one user per app of tools/launcher/apps.mjs with its bus permissions, and the operators' user", () => {
      expect(users.map((u) => u.user).sort()).toEqual([...APPS, OPS_USER].sort());
      for (const app of APPS) {
        const user = users.find((u) => u.user === app);
        const permissions = busPermissionsOf(app as ServiceName, '');
        expect(user.permissions.publish.allow).toEqual(permissions.publish.allow);
        expect(user.permissions.subscribe.allow).toEqual(permissions.subscribe.allow);
        expect(user.permissions.allow_responses ?? false).toBe(permissions.allowResponses);
        // No app may subscribe to everything or publish to everything.
        expect(user.permissions.publish.allow).not.toContain('>');
        expect(user.permissions.subscribe.allow).not.toContain('>');
      }
    });

    it('reads every password from the Secret through the environment, none written in the values', () => {
      const env = values.container.env;
      for (const user of users) {
        const variable =
          user.user === OPS_USER ? OPS_PASSWORD_VARIABLE : natsPasswordVariableOf(user.user as ServiceName);
        expect(user.password).toBe(variableReference(variable));
        expect(env[variable]).toEqual({ valueFrom: { secretKeyRef: { name: NATS_SECRET, key: variable } } });
      }
      // The chart unquotes `<< … >>` (config.merge): the password is a variable, not its name.
      expect(users.every((u) => /^<< \$[A-Z][A-Z0-9_]* >>$/.test(u.password))).toBe(true);
      expect(values.natsBox.container.env).toEqual({
        NATS_USER: OPS_USER,
        NATS_PASSWORD: { valueFrom: { secretKeyRef: { name: NATS_SECRET, key: OPS_PASSWORD_VARIABLE } } },
      });
    });

    it.each(APPS)('logs %s in as its own user, with the password the NATS server has for it', (app) => {
      const deployment = render(overlay).find(
        (o) => o.kind === 'Deployment' && o.metadata.labels?.['app.kubernetes.io/name'] === app,
      );
      const container = deployment?.spec.template.spec.containers.find((c: any) => c.name === 'app');
      const env = Object.fromEntries((container?.env ?? []).map((e: any) => [e.name, e]));
      expect(env['NATS_USER']).toEqual({ name: 'NATS_USER', value: app });
      const server = values.container.env[natsPasswordVariableOf(app as ServiceName)];
      expect(env['NATS_PASSWORD']).toEqual({ name: 'NATS_PASSWORD', ...server });
    });

    it("is installed with the overlay's values, as the runbook says", () => {
      expect(runbook).toContain(`-f deploy/k8s/nats/${file.split('/').pop()} -f ${NATS_USERS_VALUES}`);
      expect(runbook).toContain(`secret generic ${NATS_SECRET} `);
      for (const variable of Object.keys(values.container.env).filter((v) => v.endsWith('_NATS_PASSWORD'))) {
        expect(runbook).toContain(`--from-literal=${variable}=`);
      }
    });
  });
});
