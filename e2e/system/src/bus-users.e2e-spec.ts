import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import { Client } from 'pg';
import {
  DATA_SERVICES,
  DEPARTMENT_PROJECTING_SERVICES,
  PermissionsRpc,
  SERVICE_NAMES,
  projectedDepartmentsRpcOf,
  type Dashboard,
  type Department,
  type ServiceName,
} from '@gongkai/contracts';
import { serviceRoleOf } from '@gongkai/config';
import { dropServiceRole } from '@gongkai/persistence';
import {
  ServiceClient,
  connectNats,
  natsAuthOptions,
  prefixSubject,
  renderNatsAuthorization,
  streamName,
} from '@gongkai/messaging';
import {
  startPrivateNatsServer,
  startSystem,
  testDatabaseUrl,
  waitFor,
  type PrivateNatsServer,
  type RunningSystem,
} from '@gongkai/testing';
import { call } from './walking-skeleton.e2e-helpers';

/**
 * The six apps on a nats-server whose only users are the ones bus-permissions.ts declares (the
 * configuration docker-compose.yml and `npm start` use), each app logged in as its own user, and
 * each service on its database as its own run-time role (DATABASE_SERVICE_PASSWORD).
 */
describe('NATS users per app: the system works under its subject permissions, and nothing more is allowed', () => {
  const prefix = `bus${randomBytes(4).toString('hex')}`;
  const passwords = Object.fromEntries(
    SERVICE_NAMES.map((service) => [service, `n${randomBytes(18).toString('hex')}`]),
  ) as Record<ServiceName, string>;
  const configDir = mkdtempSync(join(tmpdir(), 'gongkai-bus-users-'));
  let nats: PrivateNatsServer;
  let system: RunningSystem;
  const connections: NatsConnection[] = [];
  const meta = { actor: { kind: 'system' as const, id: 'e2e' }, correlationId: 'e2e-bus-users' };

  const connectAs = async (service: ServiceName) => {
    const connection = await connectNats({
      servers: nats.url,
      name: `e2e-as-${service}`,
      auth: natsAuthOptions(service, { user: service, password: passwords[service] }),
    });
    connections.push(connection);
    return connection;
  };
  const subject = (unprefixed: string) => prefixSubject(prefix, unprefixed);
  const violation = (action: 'Publish' | 'Subscription', to: string) =>
    new RegExp(`Permissions Violation for ${action} to "${to.replace(/[.$>*]/g, '\\$&')}"`);

  beforeAll(async () => {
    const config = join(configDir, 'nats-users.conf');
    writeFileSync(config, renderNatsAuthorization({ prefix, passwords }));
    nats = await startPrivateNatsServer({ extraArgs: ['-c', config] });
    system = await startSystem({
      natsUrl: nats.url,
      extraEnv: { NATS_PREFIX: prefix, DATABASE_SERVICE_PASSWORD: 'e2e-run-time-role-password' },
      envOf: (app) => ({ NATS_USER: app, NATS_PASSWORD: passwords[app] }),
    });
  }, 150_000);

  afterAll(async () => {
    await Promise.all(connections.map((connection) => connection.close()));
    await system?.stop();
    await nats?.dispose();
    if (system) {
      for (const service of DATA_SERVICES) {
        const url = testDatabaseUrl(system.runId, service);
        await dropServiceRole(url, serviceRoleOf(url));
      }
    }
    rmSync(configDir, { recursive: true, force: true });
  });

  it('refuses a connection without a user', async () => {
    await expect(connectNats({ servers: nats.url, name: 'e2e-anonymous' })).rejects.toThrow(
      /Authorization Violation/i,
    );
  });

  it('boots every app, with its consumers and its stream, under its own user (/readyz = 200)', async () => {
    const ready = await call(system, 'GET', '/readyz', { asAdmin: false });
    expect(ready.status).toBe(200);
  });

  it('runs each service on its database as a role that owns nothing, migrated by the owner', async () => {
    for (const service of DATA_SERVICES) {
      const url = testDatabaseUrl(system.runId, service);
      const sql = new Client({ connectionString: url });
      await sql.connect();
      try {
        const sessions = await sql.query<{ usename: string }>(
          'SELECT DISTINCT usename FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()',
        );
        expect(sessions.rows.map((row) => row.usename)).toEqual([serviceRoleOf(url)]);
        const owned = await sql.query(
          `SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tableowner = $1`,
          [serviceRoleOf(url)],
        );
        expect(owned.rows).toEqual([]);
      } finally {
        await sql.end();
      }
    }
  });

  it('carries a department from permissions to every projection, and a web case from complaints to reports', async () => {
    const created = await call<Department>(system, 'POST', '/api/v1/departments', {
      body: { code: 'BUS', name: '党委办公室', type: 'office' },
    });
    expect(created.status).toBe(201);
    const gateway = new ServiceClient(await connectAs('gateway'), { prefix, defaultTimeoutMs: 5000 });
    for (const service of DEPARTMENT_PROJECTING_SERVICES) {
      await waitFor(
        async () => {
          const page = await gateway.request(projectedDepartmentsRpcOf(service), { limit: 10 }, meta);
          return page.items.some((department) => department.id === created.body.id);
        },
        { what: `the department in the ${service} projection` },
      );
    }

    const submitted = await call(system, 'POST', '/api/v1/public/cases', {
      asAdmin: false,
      body: {
        kind: 'complaint',
        category: 'canteen',
        title: '食堂排队时间太长',
        content: '午餐高峰排队超过二十分钟。',
        requester: { name: '王五', contact: 'wangwu@example.edu.cn' },
      },
    });
    expect(submitted.status).toBe(201);
    await waitFor(
      async () => {
        const dashboard = await call<Dashboard>(system, 'GET', '/api/v1/reports/dashboard');
        return dashboard.status === 200 && dashboard.body.openCases.total === 1;
      },
      { what: 'the case on the reports dashboard' },
    );
    // Every subject an app needed was allowed: none met a refusal on the way, except a follower
    // that found another service's stream missing at boot (only its producer may create it).
    for (const app of SERVICE_NAMES) {
      const refused = system
        .logsOf(app)
        .split('\n')
        .filter((line) => /Permissions Violation/i.test(line) && !/\$JS\.API\.STREAM\.CREATE\./.test(line));
      expect(refused).toEqual([]);
    }
  });

  it("refuses a service that publishes another service's event, or any event from the gateway", async () => {
    const events = subject('evt.permissions.department.created.v1');
    const stream = streamName(prefix, 'permissions');
    const gatewayConnection = await connectAs('gateway');
    const count = async () =>
      (await (await jetstreamManager(gatewayConnection)).streams.info(stream)).state.messages;
    const before = await count();
    for (const impostor of ['catalogue', 'gateway'] as const) {
      const connection = await connectAs(impostor);
      await expect(
        jetstream(connection).publish(events, JSON.stringify({ forged: true }), { timeout: 2000 }),
      ).rejects.toThrow(violation('Publish', events));
    }
    expect(await count()).toBe(before);
  });

  it('refuses a service that calls a command, and lets the gateway call it', async () => {
    const create = subject(PermissionsRpc.createDepartment.subject);
    const packet = JSON.stringify({
      id: 'e2e',
      pattern: PermissionsRpc.createDepartment.subject,
      data: { meta, body: { code: 'FORGED', name: '伪造部门', type: 'office' } },
    });
    for (const service of ['rounds', 'catalogue', 'complaints', 'reports'] as const) {
      const connection = await connectAs(service);
      await expect(connection.request(create, packet, { timeout: 2000 })).rejects.toThrow(
        violation('Publish', create),
      );
    }
    const reply = await (await connectAs('gateway')).request(create, packet, { timeout: 5000 });
    expect(reply.json()).toMatchObject({ response: { code: 'FORGED', name: '伪造部门' } });
  });

  it('lets rounds ask catalogue for a publication, the one call it needs, and nothing else of catalogue', async () => {
    const rounds = await connectAs('rounds');
    const get = subject('catalogue.publications.get');
    const reply = await rounds.request(
      get,
      JSON.stringify({
        id: 'e2e',
        pattern: 'catalogue.publications.get',
        data: {
          meta,
          body: {
            itemId: '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b',
            publicationId: '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5c',
          },
        },
      }),
      { timeout: 5000 },
    );
    // An answer (here: not found), not a refusal by the server.
    expect(reply.json()).toHaveProperty('err');
    // Naming a person there (to see another department's drafts) needs the gateway's actor proof.
    const asPerson = await rounds.request(
      get,
      JSON.stringify({
        id: 'e2e-person',
        pattern: 'catalogue.publications.get',
        data: {
          meta: {
            actor: { kind: 'person', id: '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5d' },
            correlationId: 'e2e-forged',
          },
          body: {
            itemId: '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b',
            publicationId: '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5c',
          },
        },
      }),
      { timeout: 5000 },
    );
    expect(asPerson.json()).toMatchObject({ err: { code: 'FORBIDDEN', reason: 'ACTOR_NOT_PROVEN' } });
    const create = subject('catalogue.items.create');
    await expect(rounds.request(create, '{}', { timeout: 2000 })).rejects.toThrow(
      violation('Publish', create),
    );
  });

  it("refuses a service that listens to another service's requests or to the gateway's replies", async () => {
    const catalogue = await connectAs('catalogue');
    for (const snooped of [subject('permissions.>'), '_INBOX.gateway.>', '_INBOX.>']) {
      const subscription = catalogue.subscribe(snooped);
      const ended = (async () => {
        for await (const message of subscription) void message;
      })();
      await expect(ended).rejects.toThrow(violation('Subscription', snooped));
    }
  });
});
