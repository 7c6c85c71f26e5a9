import { Client } from 'pg';
import { jetstream } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import {
  BindingStartedV1,
  DEPARTMENT_PROJECTING_SERVICES,
  DepartmentCreatedV1,
  projectedDepartmentsRpcOf,
  type Department,
  type Page,
  type Person,
  type RoleBinding,
} from '@gongkai/contracts';
import { ServiceClient, connectNats, prefixSubject, streamName } from '@gongkai/messaging';
import {
  sleep,
  startPrivateNatsServer,
  startSystem,
  startTcpProxy,
  testDatabaseUrl,
  TEST_POSTGRES_URL,
  waitFor,
  type PrivateNatsServer,
  type RunningSystem,
  type TcpProxy,
} from '@gongkai/testing';
import { call } from './walking-skeleton.e2e-helpers';

/** How long NATS stays down in the outage test. */
const OUTAGE_MS = 60_000;
const meta = { actor: { kind: 'system' as const, id: 'e2e' }, correlationId: 'e2e-healing' };

/** Figures the tests measured, printed once at the end (time to recover, to publish, to 503). */
const figures: Record<string, number> = {};
afterAll(() => {
  if (Object.keys(figures).length > 0)
    process.stdout.write(`healing figures (ms): ${JSON.stringify(figures)}\n`);
});

async function timed<T>(work: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const started = Date.now();
  const value = await work();
  return { value, ms: Date.now() - started };
}

/** Runs one query against a service's own database (what a test may look at, never change). */
async function query<T>(url: string, sql: string, params: unknown[] = []): Promise<T[]> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql, params)).rows as T[];
  } finally {
    await client.end();
  }
}

interface StreamEvent {
  subject: string;
  id: string;
  payload: Record<string, unknown>;
}

describe('the pipeline heals itself: NATS stopped for 60 s and started again', () => {
  let nats: PrivateNatsServer;
  let system: RunningSystem;
  let nc: NatsConnection;
  let client: ServiceClient;

  beforeAll(async () => {
    nats = await startPrivateNatsServer();
    // The binding sweep writes events on its own: one falls due while NATS is down.
    system = await startSystem({ natsUrl: nats.url, extraEnv: { BINDING_SWEEP_INTERVAL_MS: '500' } });
    nc = await connectNats({ servers: nats.url, name: 'e2e-healing' });
    client = new ServiceClient(nc, { prefix: system.runId, defaultTimeoutMs: 2000 });
  }, 120000);

  afterAll(async () => {
    await nc?.close();
    await system?.stop();
    await nats?.dispose();
  }, 60000);

  const permissionsDb = () => testDatabaseUrl(system.runId, 'permissions');

  async function createDepartment(code: string): Promise<Department> {
    const created = await call<Department>(system, 'POST', '/api/v1/departments', {
      body: { code, name: `部门 ${code}`, type: 'office' },
    });
    expect(created.status).toBe(201);
    return created.body;
  }

  async function projectedEverywhere(departmentId: string, timeoutMs = 15000): Promise<void> {
    for (const service of DEPARTMENT_PROJECTING_SERVICES) {
      await waitFor(
        async () => {
          const page = await client.request(projectedDepartmentsRpcOf(service), { limit: 100 }, meta);
          return page.items.some((department) => department.id === departmentId);
        },
        { timeoutMs, intervalMs: 200, what: `department ${departmentId} in the ${service} projection` },
      );
    }
  }

  /** Every event in the PERMISSIONS stream, read with an ephemeral ordered consumer. */
  async function permissionsStream(): Promise<StreamEvent[]> {
    const stream = streamName(system.runId, 'permissions');
    const consumer = await jetstream(nc).consumers.get(stream, {
      filter_subjects: prefixSubject(system.runId, 'evt.permissions.>'),
    });
    const events: StreamEvent[] = [];
    const messages = await consumer.fetch({ max_messages: 1000, expires: 2000 });
    for await (const message of messages) {
      const envelope = message.json() as { id: string; payload: Record<string, unknown> };
      events.push({ subject: message.subject, id: envelope.id, payload: envelope.payload });
      if (message.info.pending === 0) break;
    }
    return events;
  }

  it('answers again within 5 s of NATS coming back, without a restart, and events written meanwhile arrive once', async () => {
    const before = await createDepartment('BEFORE');
    await projectedEverywhere(before.id);

    // A binding that starts a few seconds into the outage: the permissions sweep writes its
    // binding.started event into the outbox while the relay cannot publish it.
    const person = await call<Person>(system, 'POST', '/api/v1/people', {
      body: { staffNo: 'HEAL001', name: '李四', departmentId: before.id, identityType: 'staff' },
    });
    expect(person.status).toBe(201);
    const binding = await call<RoleBinding>(system, 'POST', '/api/v1/role-bindings', {
      body: {
        subjectType: 'person',
        subjectId: person.body.id,
        role: 'dept_liaison',
        departmentId: before.id,
        validFrom: new Date(Date.now() + 3000).toISOString(),
        reason: '下学期起任信息员',
      },
    });
    expect(binding.status).toBe(201);
    // Created just before the outage: its event may or may not have left the outbox.
    const justBefore = await createDepartment('JUSTBEFORE');

    await nats.stop('SIGKILL');
    const outageStarted = Date.now();

    // Down: the gateway says so at once (503), it does not wait out the request timeout. (A
    // request that reaches it in the very moment NATS dies, before the disconnect is noticed,
    // may still wait for its timeout: 504.)
    await sleep(250);
    const whileDown = await timed(() => call(system, 'GET', '/api/v1/departments'));
    expect(whileDown.value.status).toBe(503);
    expect(whileDown.value.contentType).toContain('application/problem+json');
    expect(whileDown.ms).toBeLessThan(2000);
    figures['gateway answer while NATS is down'] = whileDown.ms;

    await waitFor(
      async () =>
        (
          await query<{ pending: string }>(
            permissionsDb(),
            `SELECT count(*) AS pending FROM outbox
              WHERE published_at IS NULL AND type = $1 AND envelope->'payload'->>'bindingId' = $2`,
            [BindingStartedV1.type, binding.body.id],
          )
        )[0]?.pending === '1',
      { timeoutMs: 20000, intervalMs: 500, what: 'the binding.started event written during the outage' },
    );

    await sleep(Math.max(0, OUTAGE_MS - (Date.now() - outageStarted)));
    await nats.start();
    const back = Date.now();

    // Every service answers again (readyz asks each one's health subject over NATS).
    await waitFor(async () => (await call(system, 'GET', '/readyz', { asAdmin: false })).status === 200, {
      timeoutMs: 15000,
      intervalMs: 100,
      what: '/readyz = 200 after NATS came back',
    });
    const ready = Date.now() - back;
    figures['all services ready after NATS came back'] = ready;
    expect(ready).toBeLessThan(5000);
    const listed = await call<Page<Department>>(system, 'GET', '/api/v1/departments?limit=100');
    expect(listed.status).toBe(200);
    expect(Date.now() - back).toBeLessThan(5000);

    // What was written before and during the outage is published and applied.
    await projectedEverywhere(justBefore.id, 30000);
    figures['department written just before the outage in every projection'] = Date.now() - back;
    await waitFor(
      async () =>
        (
          await query<{ pending: string }>(
            permissionsDb(),
            `SELECT count(*) AS pending FROM outbox WHERE published_at IS NULL`,
          )
        )[0]?.pending === '0',
      { timeoutMs: 30000, intervalMs: 200, what: 'the permissions outbox to drain' },
    );
    figures['outbox drained after NATS came back'] = Date.now() - back;

    // ... exactly once: JetStream dropped any re-published copy (Nats-Msg-Id = event id).
    const events = await permissionsStream();
    const created = (id: string) =>
      events.filter(
        (event) =>
          event.subject === prefixSubject(system.runId, DepartmentCreatedV1.subject) &&
          event.payload['departmentId'] === id,
      );
    expect(created(before.id)).toHaveLength(1);
    expect(created(justBefore.id)).toHaveLength(1);
    const justBeforeEventId = created(justBefore.id)[0]?.id;
    expect(
      events.filter(
        (event) =>
          event.subject === prefixSubject(system.runId, BindingStartedV1.subject) &&
          event.payload['bindingId'] === binding.body.id,
      ),
    ).toHaveLength(1);

    // Each projecting service's projection applied it once (its inbox row), and keeps consuming new events.
    for (const service of DEPARTMENT_PROJECTING_SERVICES) {
      const inbox = await query<{ applied: string }>(
        testDatabaseUrl(system.runId, service),
        `SELECT count(*) AS applied FROM inbox WHERE event_id = $1::uuid AND consumer = $2`,
        [justBeforeEventId, `${service}-department-projection`],
      );
      expect(inbox[0]?.applied).toBe('1');
    }
    const after = await createDepartment('AFTER');
    await projectedEverywhere(after.id);
  }, 240000);
});

describe('the pipeline heals itself: PostgreSQL refusing connections', () => {
  let proxy: TcpProxy;
  let system: RunningSystem;

  beforeAll(async () => {
    const server = new URL(TEST_POSTGRES_URL);
    proxy = await startTcpProxy({ host: server.hostname, port: Number(server.port || 5432) });
    // Only permissions reaches its database through the proxy the test cuts.
    system = await startSystem({
      envOf: (app, env): Record<string, string> => {
        if (app !== 'permissions') return {};
        const url = new URL(env['PERMISSIONS_DATABASE_URL'] ?? '');
        url.host = `127.0.0.1:${proxy.port}`;
        return { PERMISSIONS_DATABASE_URL: url.toString() };
      },
    });
  }, 120000);

  afterAll(async () => {
    await proxy?.resume();
    await system?.stop();
    await proxy?.close();
  }, 60000);

  it('answers 503 problem+json within 2 s, applies nothing half, and works again once PostgreSQL is back', async () => {
    const first = await call<Department>(system, 'POST', '/api/v1/departments', {
      body: { code: 'PGUP', name: '数据库在线时', type: 'office' },
    });
    expect(first.status).toBe(201);

    await proxy.refuse();
    const command = await timed(() =>
      call<{ code: string; status: number; title: string }>(system, 'POST', '/api/v1/departments', {
        body: { code: 'PGDOWN', name: '数据库离线时', type: 'office' },
      }),
    );
    expect(command.value.status).toBe(503);
    expect(command.value.contentType).toContain('application/problem+json');
    expect(command.value.body).toMatchObject({ status: 503, code: 'UNAVAILABLE' });
    expect(command.ms).toBeLessThan(2000);
    figures['command while PostgreSQL refuses'] = command.ms;

    const read = await timed(() => call(system, 'GET', '/api/v1/departments'));
    expect(read.value.status).toBe(503);
    expect(read.ms).toBeLessThan(2000);
    const readiness = await call<{ checks: { services: { service: string; status: string }[] } }>(
      system,
      'GET',
      '/readyz',
      { asAdmin: false },
    );
    expect(readiness.status).toBe(503);
    expect(readiness.body.checks.services).toContainEqual(
      expect.objectContaining({ service: 'permissions', status: 'unavailable' }),
    );

    // The relay backs off while PostgreSQL is away: one warning, not one per 200 ms poll.
    await sleep(6000);
    const relayWarnings = system
      .logsOf('permissions')
      .split('\n')
      .filter((line) => line.includes('Outbox relay cannot reach PostgreSQL'));
    expect(relayWarnings).toHaveLength(1);

    await proxy.resume();
    await waitFor(async () => (await call(system, 'GET', '/api/v1/departments')).status === 200, {
      timeoutMs: 15000,
      intervalMs: 200,
      what: 'permissions to answer again',
    });

    // Nothing of the refused command was applied: its code is still free, and it left no event.
    const listed = await call<Page<Department>>(system, 'GET', '/api/v1/departments?limit=100');
    expect(listed.body.items.map((department) => department.code).sort()).toEqual(['PGUP']);
    const again = await call<Department>(system, 'POST', '/api/v1/departments', {
      body: { code: 'PGDOWN', name: '数据库恢复后', type: 'office' },
    });
    expect(again.status).toBe(201);
    const outbox = await query<{ code: string }>(
      testDatabaseUrl(system.runId, 'permissions'),
      `SELECT envelope->'payload'->>'code' AS code FROM outbox WHERE type = $1 ORDER BY seq`,
      [DepartmentCreatedV1.type],
    );
    expect(outbox.map((row) => row.code)).toEqual(['PGUP', 'PGDOWN']);
    await waitFor(
      async () =>
        (
          await query<{ pending: string }>(
            testDatabaseUrl(system.runId, 'permissions'),
            `SELECT count(*) AS pending FROM outbox WHERE published_at IS NULL`,
          )
        )[0]?.pending === '0',
      {
        timeoutMs: 15000,
        intervalMs: 200,
        what: 'the permissions outbox to drain after PostgreSQL came back',
      },
    );
  }, 120000);
});
