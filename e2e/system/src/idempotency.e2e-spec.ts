import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import type { CatalogueItem, CategoryList, Department, Page } from '@gongkai/contracts';
import { connectJetStream, streamName, type JetStreamConnection } from '@gongkai/messaging';
import { sleep, startSystem, TEST_NATS_URL, waitFor, type RunningSystem } from '@gongkai/testing';
import { call, type HttpResult } from './walking-skeleton.e2e-helpers';

interface Problem {
  status: number;
  code: string;
  detail: string;
}

describe('Idempotency-Key end to end: a retried command is never applied twice', () => {
  let system: RunningSystem;
  let nats: JetStreamConnection;
  let permissionsDb: Client;

  const createDepartment = (body: Record<string, unknown>, key: string) =>
    call<Department | Problem>(system, 'POST', '/api/v1/departments', {
      body,
      headers: { 'idempotency-key': key },
    });

  async function departmentsWithCode(code: string): Promise<number> {
    let count = 0;
    let cursor: string | null = null;
    do {
      const page: HttpResult<Page<Department>> = await call<Page<Department>>(
        system,
        'GET',
        `/api/v1/departments?limit=100${cursor ? `&cursor=${cursor}` : ''}`,
      );
      expect(page.status).toBe(200);
      count += page.body.items.filter((department) => department.code === code).length;
      cursor = page.body.nextCursor;
    } while (cursor);
    return count;
  }

  const permissionsEvents = async () =>
    (await nats.jsm.streams.info(streamName(system.runId, 'permissions'))).state.messages;
  const outboxRows = async () =>
    (await permissionsDb.query<{ n: number }>('SELECT count(*)::int AS n FROM outbox')).rows[0]?.n ?? 0;

  /** Waits until the relay has published everything, so later counts compare like with like. */
  async function settled(): Promise<{ events: number; outbox: number }> {
    await waitFor(
      async () =>
        (
          await permissionsDb.query<{ n: number }>(
            'SELECT count(*)::int AS n FROM outbox WHERE published_at IS NULL',
          )
        ).rows[0]?.n === 0,
      { timeoutMs: 10000, intervalMs: 50, what: 'the permissions outbox to be published' },
    );
    return { events: await permissionsEvents(), outbox: await outboxRows() };
  }

  beforeAll(async () => {
    system = await startSystem();
    nats = await connectJetStream({ url: TEST_NATS_URL, name: `${system.runId}-idempotency-e2e` });
    permissionsDb = new Client({ connectionString: system.env['PERMISSIONS_DATABASE_URL'] });
    await permissionsDb.connect();
  }, 120000);

  afterAll(async () => {
    await permissionsDb?.end();
    await nats?.close();
    await system?.stop();
  });

  it('creates one department when the same key is sent several times at once, and answers each with it', async () => {
    const key = randomUUID();
    const body = { code: 'IDEM-RACE', name: '并发创建', type: 'office' };
    const answers = await Promise.all([1, 2, 3, 4].map(() => createDepartment(body, key)));
    const first = answers[0];
    expect(first?.status).toBe(201);
    for (const answer of answers)
      expect({ status: answer.status, body: answer.body }).toEqual({ status: 201, body: first?.body });
    expect(await departmentsWithCode('IDEM-RACE')).toBe(1);
  });

  it('answers a sequential retry with the first status and body, and emits nothing new', async () => {
    const key = randomUUID();
    const body = { code: 'IDEM-SEQ', name: '顺序重试', type: 'office' };
    const first = await createDepartment(body, key);
    expect(first.status).toBe(201);
    const before = await settled();

    // The key in the Structured Field form names the same request.
    for (const retryKey of [key, `"${key}"`]) {
      const retry = await createDepartment(body, retryKey);
      expect({ status: retry.status, body: retry.body }).toEqual({ status: first.status, body: first.body });
    }
    await sleep(500);
    expect(await settled()).toEqual(before);
    expect(await departmentsWithCode('IDEM-SEQ')).toBe(1);
  });

  it('refuses the same key with another body (422) and changes nothing', async () => {
    const key = randomUUID();
    expect((await createDepartment({ code: 'IDEM-ONE', name: '第一次', type: 'office' }, key)).status).toBe(
      201,
    );
    const before = await settled();

    const other = await createDepartment({ code: 'IDEM-TWO', name: '换了内容', type: 'office' }, key);
    expect(other.status).toBe(422);
    expect(other.contentType).toContain('application/problem+json');
    expect(other.body).toMatchObject({ code: 'IDEMPOTENCY_KEY_REUSED' });
    expect((other.body as Problem).detail).toContain('new `Idempotency-Key`');
    await sleep(300);
    expect(await settled()).toEqual(before);
    expect(await departmentsWithCode('IDEM-TWO')).toBe(0);
  });

  it('lets a corrected retry with the same key succeed after a refusal that changed nothing', async () => {
    // Refused at the gateway (400: invalid body), then by the service (404: unknown parent).
    const key = randomUUID();
    const refusedAtGateway = await createDepartment({ code: 'IDEM-FIX', name: '', type: 'zoo' }, key);
    expect(refusedAtGateway.status).toBe(400);
    const refusedByService = await createDepartment(
      { code: 'IDEM-FIX', name: '改正后', type: 'office', parentId: randomUUID() },
      key,
    );
    expect(refusedByService.status).toBe(404);
    const corrected = await createDepartment({ code: 'IDEM-FIX', name: '改正后', type: 'office' }, key);
    expect(corrected.status).toBe(201);
    expect(corrected.body).toMatchObject({ code: 'IDEM-FIX' });
    expect(await departmentsWithCode('IDEM-FIX')).toBe(1);
  });

  it('protects the catalogue’s commands the same way', async () => {
    const categories = await call<CategoryList>(system, 'GET', '/api/v1/catalogue/categories');
    const categoryCode = categories.body.items[0]?.code;
    expect(categoryCode).toBeDefined();
    const key = randomUUID();
    const body = { code: 'IDEM-ITEM', title: '幂等事项', categoryCode };
    const create = () =>
      call<CatalogueItem>(system, 'POST', '/api/v1/catalogue/items', {
        body,
        headers: { 'idempotency-key': key },
      });
    const [a, b] = await Promise.all([create(), create()]);
    const c = await create();
    expect(a.status).toBe(201);
    expect([b, c].map((answer) => ({ status: answer.status, body: answer.body }))).toEqual([
      { status: 201, body: a.body },
      { status: 201, body: a.body },
    ]);
    const items = await call<Page<CatalogueItem>>(
      system,
      'GET',
      '/api/v1/catalogue/items?q=IDEM-ITEM&limit=100',
    );
    expect(items.status).toBe(200);
    expect(items.body.items.filter((item) => item.code === 'IDEM-ITEM')).toHaveLength(1);
  });
});
