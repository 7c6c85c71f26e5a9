import { v7 as uuidv7 } from 'uuid';
import {
  RoundsTaskApprovedV1,
  type CatalogueItem,
  type ChainVerification,
  type Department,
  type Page,
  type Publication,
  type PublicCatalogue,
  type ResponsibilityView,
} from '@gongkai/contracts';
import { connectNats } from '@gongkai/messaging';
import { publishTestEvent } from '@gongkai/service-testing';
import { startSystem, TEST_NATS_URL, waitFor, type RunningSystem } from '@gongkai/testing';
import type { NatsConnection } from '@nats-io/transport-node';
import { call } from './walking-skeleton.e2e-helpers';

/**
 * The catalogue through the gateway against the built apps, real NATS and PostgreSQL: the
 * Ministry list loaded, a reorganisation in permissions revising responsibilities, a publication
 * from draft to the public catalogue, and an approved round task published exactly once.
 */
describe('catalogue end to end', () => {
  let system: RunningSystem;
  let nc: NatsConnection;

  beforeAll(async () => {
    system = await startSystem();
    nc = await connectNats({ servers: TEST_NATS_URL, name: 'e2e-catalogue' });
  }, 120000);

  afterAll(async () => {
    await nc?.close();
    await system?.stop();
  });

  const items = async (query = '') =>
    (await call<Page<CatalogueItem>>(system, 'GET', `/api/v1/catalogue/items?limit=500${query}`)).body.items;
  const itemByCode = async (code: string) => {
    const item = (await items()).find((candidate) => candidate.code === code);
    if (!item) throw new Error(`no ${code}`);
    return item;
  };

  async function department(code: string, name: string): Promise<string> {
    const created = await call<Department>(system, 'POST', '/api/v1/departments', {
      body: { code, name, type: 'office' },
    });
    expect(created.status).toBe(201);
    return created.body.id;
  }

  it('serves the Ministry list loaded on first start, searchable by a two-character Chinese word', async () => {
    const categories = await call<{ items: unknown[] }>(system, 'GET', '/api/v1/catalogue/categories');
    expect(categories.status).toBe(200);
    expect(categories.body.items).toHaveLength(10);
    expect(await items()).toHaveLength(50);
    const found = await items(`&q=${encodeURIComponent('招生')}`);
    expect(found.map((item) => item.code)).toEqual(['MOE-07', 'MOE-08', 'MOE-10', 'MOE-11', 'MOE-14']);
    // The gateway forwards the query parsed (`uncertain` as a boolean); the catalogue takes it.
    const uncertain = await items('&uncertain=true');
    expect(uncertain.length).toBeGreaterThan(0);
    expect(uncertain.every((item) => item.uncertain)).toBe(true);
    expect((await call(system, 'GET', '/api/v1/catalogue/items', { asAdmin: false })).status).toBe(401);
  });

  it('revises responsibilities when permissions merges departments', async () => {
    const admissions = await department('ZSB', '招生办公室');
    const careers = await department('JYZX', '就业指导中心');
    const merged = await department('ZSJYC', '招生就业处');
    const rules = await itemByCode('MOE-07');
    const employment = await itemByCode('MOE-31');
    // The catalogue learns departments from permissions' events: retry until it knows them.
    for (const [item, lead] of [
      [rules, admissions],
      [employment, careers],
    ] as const) {
      await waitFor(
        async () =>
          (
            await call(system, 'PUT', `/api/v1/catalogue/items/${item.id}/responsibility`, {
              body: { leadDepartmentId: lead, reason: '年度责任分工', effectiveDate: '2024-01-01' },
            })
          ).status === 200,
        { what: `responsibility for ${item.code}` },
      );
    }
    const merge = await call(system, 'POST', '/api/v1/reorganisations/merge', {
      body: {
        sourceIds: [admissions, careers],
        target: merged,
        effectiveDate: '2024-06-01',
        reason: '机构改革：招生办公室与就业指导中心合并',
      },
    });
    expect(merge.status).toBe(201);
    for (const item of [rules, employment]) {
      const view = await waitFor(
        async () => {
          const answer = await call<ResponsibilityView>(
            system,
            'GET',
            `/api/v1/catalogue/items/${item.id}/responsibility`,
          );
          return answer.body.history.length === 2 ? answer.body : null;
        },
        { what: `the merge revising ${item.code}` },
      );
      expect(view.responsible).toMatchObject({
        leadDepartmentId: merged,
        trigger: 'reorganisation',
        reason: '机构改革：招生办公室与就业指导中心合并',
      });
      const before = await call<ResponsibilityView>(
        system,
        'GET',
        `/api/v1/catalogue/items/${item.id}/responsibility?at=2024-05-31`,
      );
      expect(before.body.responsible?.leadDepartmentId).not.toBe(merged);
    }
  });

  it('takes a publication from draft to the public catalogue, hash-chained', async () => {
    const rules = await itemByCode('MOE-07');
    const base = `/api/v1/catalogue/items/${rules.id}/publications`;
    const draft = await call<Publication>(system, 'POST', base, {
      body: { title: '2024年本科招生章程', body: '第一章 总则', channels: ['disclosure_site', 'wechat'] },
    });
    expect(draft.status).toBe(201);
    const step = (action: string, body: unknown = {}) =>
      call<Publication>(system, 'POST', `${base}/${draft.body.id}/${action}`, { body });
    const tooEarly = await step('publish');
    expect(tooEarly.status).toBe(409);
    expect(tooEarly.body).toMatchObject({ code: 'PRECONDITION_FAILED', reason: 'PUBLICATION_WRONG_STATE' });
    expect((await step('submit-for-review')).body.state).toBe('in_review');
    expect((await step('secrecy-review', { reviewer: '李四' })).body.state).toBe('secrecy_reviewed');
    const published = await step('publish');
    expect(published.body).toMatchObject({ state: 'published', version: 1 });

    const verified = await call<ChainVerification>(system, 'GET', `${base}/verify`);
    expect(verified.body).toMatchObject({ intact: true, checked: 1 });

    const publicCatalogue = await call<PublicCatalogue>(system, 'GET', '/api/v1/public/catalogue', {
      asAdmin: false,
    });
    expect(publicCatalogue.status).toBe(200);
    const listed = publicCatalogue.body.categories.flatMap((category) => category.items);
    expect(listed.find((item) => item.code === 'MOE-07')?.current).toMatchObject({
      version: 1,
      title: '2024年本科招生章程',
      contentHash: published.body.contentHash,
    });

    const tooLarge = await call(system, 'POST', base, {
      body: { title: 'x', channels: ['disclosure_site'], body: '字'.repeat(3_500_000) },
    });
    expect(tooLarge.status).toBe(413);
    expect(tooLarge.contentType).toContain('application/problem+json');
  });

  it('publishes an approved round task once, even when the event is delivered again', async () => {
    const scores = await itemByCode('MOE-09');
    const approval = {
      taskId: uuidv7(),
      roundId: uuidv7(),
      itemId: scores.id,
      departmentId: uuidv7(),
      content: {
        title: '2024年录取分数线',
        summary: '',
        body: '北京：650',
        documents: [],
        attachments: [],
        channels: ['disclosure_site' as const],
      },
      noChange: false,
      noChangeReason: null,
      approvedBy: uuidv7(),
      approvedAt: new Date().toISOString(),
      informationChangedAt: null,
    };
    const envelope = await publishTestEvent(nc, system.runId, RoundsTaskApprovedV1, approval, {
      versions: 1,
    });
    await publishTestEvent(nc, system.runId, RoundsTaskApprovedV1, envelope, { bypassDeduplication: true });
    const list = () =>
      call<Page<Publication>>(system, 'GET', `/api/v1/catalogue/items/${scores.id}/publications`);
    await waitFor(async () => (await list()).body.items.length > 0, { what: 'the published task' });
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect((await list()).body.items).toEqual([
      expect.objectContaining({
        taskId: approval.taskId,
        version: 1,
        state: 'published',
        source: 'round_task',
      }),
    ]);
  });
});
