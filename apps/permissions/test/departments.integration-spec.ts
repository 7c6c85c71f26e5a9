import { join } from 'node:path';
import { jetstreamManager } from '@nats-io/jetstream';
import {
  DepartmentCreatedV1,
  ErrorCode,
  PermissionsRpc,
  deadLetterRpcOf,
  healthRpcOf,
  type Department,
  type EventEnvelope,
  type Page,
  type RequestMeta,
  type RpcBody,
} from '@gongkai/contracts';
import { prefixSubject, streamName, type ServiceClient } from '@gongkai/messaging';
import { startServiceUnderTest, withAnyBody, type ServiceUnderTest } from '@gongkai/service-testing';
import { waitFor } from '@gongkai/testing';
import { AppModule } from '../src/app/app.module';
import { raceOnUniqueIndex } from './support/permissions-harness';

describe('permissions service: departments', () => {
  let sut: ServiceUnderTest;
  let client: ServiceClient;
  let meta: RequestMeta;

  beforeAll(async () => {
    sut = await startServiceUnderTest({
      service: 'permissions',
      module: (config) => AppModule.register(config),
      prismaDir: join(__dirname, '..', 'prisma'),
    });
    ({ client, meta } = sut);
  });

  afterAll(() => sut?.stop());

  const create = (body: RpcBody<typeof PermissionsRpc.createDepartment>) =>
    client.request(PermissionsRpc.createDepartment, body, meta);

  it('answers its health check with the database up', async () => {
    await expect(client.request(healthRpcOf('permissions'), {}, meta)).resolves.toMatchObject({
      service: 'permissions',
      status: 'ok',
      database: 'ok',
    });
  });

  it('stores a department and publishes one department.created event carrying the request correlation id', async () => {
    const department = await create({ code: 'OFFICE', name: '信息公开办公室', type: 'office' });
    expect(department).toMatchObject({
      code: 'OFFICE',
      name: '信息公开办公室',
      type: 'office',
      parentId: null,
      status: 'active',
    });

    const jsm = await jetstreamManager(sut.nc);
    const stream = streamName(sut.runId, 'permissions');
    const stored = await waitFor(
      async () => {
        const info = await jsm.streams.info(stream).catch(() => null);
        return info && info.state.messages >= 1
          ? await jsm.streams.getMessage(stream, { seq: info.state.first_seq })
          : null;
      },
      { what: 'the event in the PERMISSIONS stream' },
    );
    expect(stored.subject).toBe(prefixSubject(sut.runId, DepartmentCreatedV1.subject));
    const envelope = stored.json<EventEnvelope>();
    expect(stored.header.get('Nats-Msg-Id')).toBe(envelope.id);
    expect(envelope).toMatchObject({
      type: 'permissions.department.created',
      version: 1,
      source: 'permissions',
      correlationId: meta.correlationId,
      actor: meta.actor,
      payload: {
        departmentId: department.id,
        code: 'OFFICE',
        type: 'office',
        parentId: null,
        status: 'active',
      },
    });
    expect(DepartmentCreatedV1.payload.safeParse(envelope.payload).success).toBe(true);
  });

  it('answers a department by id exactly as it was stored, and NOT_FOUND for an id it does not hold', async () => {
    const school = await create({ code: 'SCHOOL-A', name: '计算机学院', type: 'college' });
    const lab = await create({
      code: 'LAB-A',
      name: '网络安全实验中心',
      type: 'centre',
      parentId: school.id,
    });
    const get = (id: string) => client.request(PermissionsRpc.getDepartment, { id }, meta);
    expect(await get(school.id)).toEqual(school);
    expect(await get(lab.id)).toEqual(lab);
    await expect(get('0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b')).rejects.toMatchObject({
      body: { code: ErrorCode.NOT_FOUND, reason: 'DEPARTMENT_NOT_FOUND' },
    });
  });

  it('refuses a duplicate code, an unknown parent and invalid input with typed errors', async () => {
    await create({ code: 'DUP', name: 'first', type: 'centre' });
    await expect(create({ code: 'DUP', name: 'second', type: 'centre' })).rejects.toMatchObject({
      body: { code: ErrorCode.CONFLICT, reason: 'DEPARTMENT_CODE_TAKEN', details: { code: 'DUP' } },
    });
    await expect(
      create({
        code: 'ORPHAN',
        name: 'x',
        type: 'college',
        parentId: '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b',
      }),
    ).rejects.toMatchObject({ body: { code: ErrorCode.NOT_FOUND } });
    await expect(
      client.request(
        withAnyBody(PermissionsRpc.createDepartment),
        { code: 'BAD CODE!', name: '', type: 'faculty', extra: 1 },
        meta,
      ),
    ).rejects.toMatchObject({
      body: { code: ErrorCode.VALIDATION_FAILED },
    });
  });

  it('answers a concurrent request that saved the same code first with DEPARTMENT_CODE_TAKEN too', async () => {
    const outcome = await raceOnUniqueIndex(
      sut.databaseUrl,
      {
        sql: `INSERT INTO "department" ("id", "code", "name", "type", "updated_at")
              VALUES ('0190a1b2-c3d4-7e5f-8a9b-00000000face', 'RACE', 'first', 'centre', now())`,
        params: [],
      },
      () => create({ code: 'RACE', name: 'second', type: 'centre' }),
    );
    expect(outcome).toMatchObject({
      status: 'rejected',
      reason: {
        body: {
          code: ErrorCode.CONFLICT,
          reason: 'DEPARTMENT_CODE_TAKEN',
          details: { target: 'department_code_key' },
        },
      },
    });
  });

  it('pages through departments with a cursor', async () => {
    for (const code of ['P1', 'P2', 'P3']) await create({ code, name: code, type: 'college' });
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page: Page<Department> = await client.request(
        PermissionsRpc.listDepartments,
        { limit: 2, cursor },
        meta,
      );
      expect(page.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.items.map((department) => department.code));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(seen).toEqual(expect.arrayContaining(['OFFICE', 'DUP', 'P1', 'P2', 'P3']));
    expect(new Set(seen).size).toBe(seen.length);
    await expect(
      client.request(PermissionsRpc.listDepartments, { cursor: 'not-a-uuid' }, meta),
    ).rejects.toMatchObject({
      body: { code: ErrorCode.VALIDATION_FAILED },
    });
  });

  it('lists its dead letters for ops (none here)', async () => {
    await expect(client.request(deadLetterRpcOf('permissions').list, {}, meta)).resolves.toEqual({
      items: [],
      nextCursor: null,
    });
  });
});
