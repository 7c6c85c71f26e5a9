import {
  DEPARTMENT_PROJECTING_SERVICES,
  projectedDepartmentsRpcOf,
  type CatalogueItem,
  type Department,
  type Page,
  type ResponsibilityView,
} from '@gongkai/contracts';
import { ServiceClient, connectNats } from '@gongkai/messaging';
import { startSystem, TEST_NATS_URL, waitFor, type RunningSystem } from '@gongkai/testing';
import type { NatsConnection } from '@nats-io/transport-node';
import { call } from './walking-skeleton.e2e-helpers';

/** Today's date in Beijing, as an office worker would type it into a reorganisation form. */
function todayInBeijing(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
}

/**
 * Business time is not order: a department created this morning and renamed or merged with
 * today's effective date (whose business time, the start of the day, lies before the create)
 * ends in its newest state in every service, on the built apps through the gateway.
 */
describe('same-day reorganisations reach every service', () => {
  let system: RunningSystem;
  let nc: NatsConnection;
  let client: ServiceClient;

  beforeAll(async () => {
    system = await startSystem();
    nc = await connectNats({ servers: TEST_NATS_URL, name: 'e2e-event-order' });
    client = new ServiceClient(nc, { prefix: system.runId, defaultTimeoutMs: 5000 });
  }, 120000);

  afterAll(async () => {
    await nc?.close();
    await system?.stop();
  });

  const meta = { actor: { kind: 'system' as const, id: 'e2e' }, correlationId: 'e2e-event-order' };

  async function department(code: string, name: string): Promise<string> {
    const created = await call<Department>(system, 'POST', '/api/v1/departments', {
      body: { code, name, type: 'office' },
    });
    expect(created.status).toBe(201);
    return created.body.id;
  }

  async function projectedIn(service: (typeof DEPARTMENT_PROJECTING_SERVICES)[number], id: string) {
    const page = await client.request(projectedDepartmentsRpcOf(service), { limit: 500 }, meta);
    return page.items.find((department) => department.id === id);
  }

  it('shows a same-day rename in the department view of catalogue, rounds and complaints', async () => {
    const id = await department('KYC', '科研处');
    for (const service of DEPARTMENT_PROJECTING_SERVICES) {
      await waitFor(async () => (await projectedIn(service, id))?.name === '科研处', {
        what: `the new department in ${service}`,
      });
    }
    const renamed = await call(system, 'POST', '/api/v1/reorganisations/rename', {
      body: {
        departmentId: id,
        name: '科学技术研究院',
        effectiveDate: todayInBeijing(),
        reason: '学校发文更名',
      },
    });
    expect(renamed.status).toBe(201);
    expect((await call<Department>(system, 'GET', `/api/v1/departments/${id}`)).body.name).toBe(
      '科学技术研究院',
    );
    for (const service of DEPARTMENT_PROJECTING_SERVICES) {
      const seen = await waitFor(
        async () => {
          const projected = await projectedIn(service, id);
          return projected?.name === '科学技术研究院' ? projected : null;
        },
        { what: `the rename in ${service}` },
      );
      expect(seen).toMatchObject({ status: 'active', version: 2 });
    }
  });

  it('after a same-day merge, catalogue refuses a merged-away department as lead and its items follow the new one', async () => {
    const [admissions, careers, target] = [
      await department('ZSB2', '招生办公室'),
      await department('JYZX2', '就业指导中心'),
      await department('ZSJY2', '招生就业处'),
    ];
    const items = (await call<Page<CatalogueItem>>(system, 'GET', '/api/v1/catalogue/items?limit=500')).body
      .items;
    const led = items.filter((item) => ['MOE-08', 'MOE-32'].includes(item.code));
    expect(led).toHaveLength(2);
    for (const item of led) {
      await waitFor(
        async () =>
          (
            await call(system, 'PUT', `/api/v1/catalogue/items/${item.id}/responsibility`, {
              body: { leadDepartmentId: admissions, reason: '年度责任分工', effectiveDate: '2024-01-01' },
            })
          ).status === 200,
        { what: `${item.code} led by 招生办公室` },
      );
    }

    const merge = await call(system, 'POST', '/api/v1/reorganisations/merge', {
      body: {
        sourceIds: [admissions, careers],
        target,
        effectiveDate: todayInBeijing(),
        reason: '机构改革：招生办公室与就业指导中心合并',
      },
    });
    expect(merge.status).toBe(201);

    for (const service of DEPARTMENT_PROJECTING_SERVICES) {
      await waitFor(async () => (await projectedIn(service, admissions))?.status === 'dissolved', {
        what: `招生办公室 dissolved in ${service}`,
      });
    }
    for (const item of led) {
      const view = await waitFor(
        async () => {
          const answer = await call<ResponsibilityView>(
            system,
            'GET',
            `/api/v1/catalogue/items/${item.id}/responsibility`,
          );
          return answer.body.responsible?.leadDepartmentId === target ? answer.body : null;
        },
        { what: `${item.code} following the merge` },
      );
      expect(view.responsible).toMatchObject({ trigger: 'reorganisation', effectiveDate: todayInBeijing() });
    }

    const refused = await call<{ detail: string }>(
      system,
      'PUT',
      `/api/v1/catalogue/items/${led[0]!.id}/responsibility`,
      { body: { leadDepartmentId: admissions, reason: '误操作', effectiveDate: todayInBeijing() } },
    );
    expect(refused.status).toBeGreaterThanOrEqual(400);
    expect(refused.status).toBeLessThan(500);
    expect(refused.contentType).toContain('application/problem+json');
    const after = await call<ResponsibilityView>(
      system,
      'GET',
      `/api/v1/catalogue/items/${led[0]!.id}/responsibility`,
    );
    expect(after.body.responsible?.leadDepartmentId).toBe(target);
  });
});
