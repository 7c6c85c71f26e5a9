import { jetstreamManager } from '@nats-io/jetstream';
import {
  DEPARTMENT_PROJECTING_SERVICES,
  projectedDepartmentsRpcOf,
  type Department,
  type Page,
} from '@gongkai/contracts';
import { ServiceClient, connectNats, streamName } from '@gongkai/messaging';
import { startSystem, TEST_NATS_URL, waitFor, type RunningSystem } from '@gongkai/testing';
import type { NatsConnection } from '@nats-io/transport-node';
import { call } from './walking-skeleton.e2e-helpers';

describe('walking skeleton: POST /departments through the gateway reaches every projection', () => {
  let system: RunningSystem;
  let nc: NatsConnection;
  let client: ServiceClient;
  const meta = { actor: { kind: 'system' as const, id: 'e2e' }, correlationId: 'e2e-walking-skeleton' };

  beforeAll(async () => {
    system = await startSystem();
    nc = await connectNats({ servers: TEST_NATS_URL, name: 'e2e' });
    client = new ServiceClient(nc, { prefix: system.runId, defaultTimeoutMs: 5000 });
  }, 120000);

  afterAll(async () => {
    await nc?.close();
    await system?.stop();
  });

  async function listDepartments(): Promise<Department[]> {
    const result = await call<Page<Department>>(system, 'GET', '/api/v1/departments?limit=500');
    expect(result.status).toBe(200);
    return result.body.items;
  }

  /** Department events in the PERMISSIONS stream (not the audit chain's checkpoints, which share it). */
  async function permissionsEventCount(): Promise<number> {
    const jsm = await jetstreamManager(nc);
    const info = await jsm.streams.info(streamName(system.runId, 'permissions'), { subjects_filter: '>' });
    return Object.entries(info.state.subjects ?? {})
      .filter(([subject]) => subject.includes('.department.'))
      .reduce((count, [, messages]) => count + messages, 0);
  }

  it('answers /readyz with every service up', async () => {
    const ready = await call(system, 'GET', '/readyz', { asAdmin: false });
    expect(ready.status).toBe(200);
  });

  it('creates a department, lists it, and every service projects it from one event', async () => {
    const school = await call<Department>(system, 'POST', '/api/v1/departments', {
      body: { code: 'SCHOOL', name: '某某大学', type: 'school' },
      headers: { 'x-correlation-id': 'e2e-create-school' },
    });
    expect(school.status).toBe(201);
    expect(school.body).toMatchObject({
      code: 'SCHOOL',
      name: '某某大学',
      type: 'school',
      parentId: null,
      status: 'active',
    });

    const college = await call<Department>(system, 'POST', '/api/v1/departments', {
      body: { code: 'CS', name: '计算机学院', type: 'college', parentId: school.body.id },
    });
    expect(college.status).toBe(201);
    expect(college.body.parentId).toBe(school.body.id);

    const listed = await listDepartments();
    expect(listed.map((department) => department.code)).toEqual(expect.arrayContaining(['SCHOOL', 'CS']));

    for (const service of DEPARTMENT_PROJECTING_SERVICES) {
      const projected = await waitFor(
        async () => {
          const page = await client.request(projectedDepartmentsRpcOf(service), { limit: 100 }, meta);
          return page.items.length === 2 ? page.items : null;
        },
        { what: `the ${service} projection` },
      );
      const cs = projected.find((department) => department.code === 'CS');
      expect(cs).toMatchObject({
        id: college.body.id,
        name: '计算机学院',
        parentId: school.body.id,
        status: 'active',
      });
    }
    await waitFor(async () => (await permissionsEventCount()) === 2, {
      what: 'two department events in the PERMISSIONS stream',
    });
  });

  describe('bad input to POST /departments gets a 4xx problem+json and changes nothing', () => {
    const cases: {
      name: string;
      status: number;
      body?: unknown;
      rawBody?: string;
      headers?: Record<string, string>;
      /** The reason a client branches on; none for invalid bodies and the gateway's own limits. */
      reason?: string;
    }[] = [
      { name: 'missing fields', status: 400, body: { code: 'NONAME' } },
      { name: 'wrong types', status: 400, body: { code: 42, name: ['x'], type: 'college' } },
      { name: 'an unknown type', status: 400, body: { code: 'BADTYPE', name: 'x', type: 'faculty' } },
      {
        name: 'unknown fields',
        status: 400,
        body: { code: 'EXTRA', name: 'x', type: 'office', budget: 100 },
      },
      {
        name: 'a 1 MB body',
        status: 413,
        body: { code: 'HUGE', name: 'x'.repeat(1_100_000), type: 'office' },
      },
      { name: 'malformed JSON', status: 400, rawBody: '{"code": "BROKEN", ' },
      {
        name: 'an unknown parent',
        status: 404,
        body: { code: 'ORPHAN', name: 'x', type: 'office', parentId: '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b' },
        reason: 'DEPARTMENT_NOT_FOUND',
      },
      {
        name: 'a duplicate code',
        status: 409,
        body: { code: 'SCHOOL', name: 'again', type: 'school' },
        reason: 'DEPARTMENT_CODE_TAKEN',
      },
      {
        name: 'no credentials',
        status: 401,
        body: { code: 'ANON', name: 'x', type: 'office' },
        headers: { 'x-api-key': '' },
        reason: 'API_KEY_INVALID',
      },
    ];

    it.each(cases)('$name → $status', async ({ status, body, rawBody, headers, reason }) => {
      const before = await listDepartments();
      const eventsBefore = await permissionsEventCount();
      const result = await call<{ status: number; title: string; detail: string; reason?: string }>(
        system,
        'POST',
        '/api/v1/departments',
        {
          body,
          rawBody,
          headers,
        },
      );
      expect(result.status).toBe(status);
      expect(result.contentType).toContain('application/problem+json');
      expect(result.body.status).toBe(status);
      expect(result.body.detail).toEqual(expect.any(String));
      expect(result.body.reason).toBe(reason);
      expect(await listDepartments()).toEqual(before);
      expect(await permissionsEventCount()).toBe(eventsBefore);
    });
  });
});
