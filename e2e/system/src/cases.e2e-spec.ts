import type {
  Case,
  CaseMetrics,
  CaseSummary,
  ApplicationTable,
  Department,
  ImportResult,
  Page,
  Person,
  PublicCaseView,
  PublicReceipt,
} from '@gongkai/contracts';
import { startSystem, waitFor, type RunningSystem } from '@gongkai/testing';
import { call, type HttpResult } from './walking-skeleton.e2e-helpers';

type CreatedCaseReply = { case: Case; verificationCode: string };

/**
 * Cases through the gateway against the built apps, real NATS and PostgreSQL: the complaint loop
 * with people and roles from the permissions service, city batches, personal data, the public
 * side, bad input, and the seed year's figures (1254 / 882 / 372 / > 98 % / 5) driven through the API.
 */
describe('cases end to end', () => {
  let system: RunningSystem;
  const CONTACT = '13912345678';

  beforeAll(async () => {
    system = await startSystem({
      // The seed year sends a few thousand requests with the admin key: lift the per-key limit, and give
      // requests more time on a loaded machine (a timeout is not what this test is about).
      extraEnv: { RATE_LIMIT_PER_MINUTE: '1000000', REQUEST_TIMEOUT_MS: '30000' },
    });
  }, 120000);

  afterAll(async () => {
    await system?.stop();
  });

  const expectStatus = <T>(result: HttpResult<T>, status: number): T => {
    if (result.status !== status)
      throw new Error(`expected ${status}, got ${result.status}: ${JSON.stringify(result.body)}`);
    return result.body;
  };
  const asPerson = (personId: string) => ({ headers: { 'x-acting-person': personId } });

  async function department(code: string, name: string): Promise<string> {
    return expectStatus(
      await call<Department>(system, 'POST', '/api/v1/departments', { body: { code, name, type: 'office' } }),
      201,
    ).id;
  }
  async function personWithRole(staffNo: string, departmentId: string, role: string): Promise<string> {
    const person = expectStatus(
      await call<Person>(system, 'POST', '/api/v1/people', {
        body: { staffNo, name: `员工${staffNo}`, departmentId, identityType: 'staff' },
      }),
      201,
    );
    expectStatus(
      await call(system, 'POST', '/api/v1/role-bindings', {
        body: {
          subjectType: 'person',
          subjectId: person.id,
          role,
          departmentId: role === 'complaint_dispatcher' || role === 'supervisor' ? null : departmentId,
          reason: '任命',
        },
      }),
      201,
    );
    return person.id;
  }
  const step = (
    caseId: string,
    name: string,
    body: unknown = {},
    options: { headers?: Record<string, string> } = {},
  ) => call<Case>(system, 'POST', `/api/v1/cases/${caseId}/${name}`, { body, ...options });
  /** Dispatch waits until the complaints service knows the department (it learns it from permissions' events). */
  async function dispatch(caseId: string, leadDepartmentId: string, extra: Record<string, unknown> = {}) {
    return waitFor(
      async () => {
        const answer = await step(caseId, 'dispatch', { leadDepartmentId, ...extra });
        return answer.status === 200 ? answer.body : null;
      },
      { what: `dispatch to ${leadDepartmentId}` },
    );
  }
  const countCases = async () =>
    (await call<Page<CaseSummary>>(system, 'GET', '/api/v1/cases?limit=500')).body.items.length;

  let dormitory: string;
  let logistics: string;
  let dormitoryHandler: string;
  let logisticsHandler: string;
  let liaison: string;

  it('runs a city transfer through the whole loop: a returned wrong dispatch, a supervision and a reopen', async () => {
    dormitory = await department('SSZX', '宿舍管理中心');
    logistics = await department('HQJT', '后勤集团');
    dormitoryHandler = await personWithRole('C001', dormitory, 'complaint_handler');
    logisticsHandler = await personWithRole('C002', logistics, 'complaint_handler');
    liaison = await personWithRole('C003', dormitory, 'dept_liaison');

    const created = expectStatus(
      await call<CreatedCaseReply>(system, 'POST', '/api/v1/cases', {
        body: {
          kind: 'complaint',
          source: 'city_12345',
          externalNo: 'BJ2024E2E0001',
          category: 'logistics',
          title: '宿舍楼热水器坏了',
          content: '5号楼热水器坏了一周，无人维修。',
          requester: { name: '张三', contact: CONTACT },
        },
      }),
      201,
    );
    const id = created.case.id;
    await dispatch(id, dormitory);
    // The logistics handler may not accept the dormitory's case; the dormitory returns the wrong dispatch.
    expect((await step(id, 'accept', {}, asPerson(logisticsHandler))).status).toBe(403);
    expect(
      expectStatus(
        await step(id, 'return-dispatch', { reason: '热水器属后勤集团维修' }, asPerson(dormitoryHandler)),
        200,
      ).status,
    ).toBe('received');
    await dispatch(id, logistics, { coDepartmentIds: [dormitory] });
    expect(expectStatus(await step(id, 'accept', {}, asPerson(logisticsHandler)), 200).handlerId).toBe(
      logisticsHandler,
    );
    expectStatus(await step(id, 'contact', {}, asPerson(logisticsHandler)), 200);
    expectStatus(await step(id, 'notes', { text: '内部：配件三天到货' }, asPerson(logisticsHandler)), 200);
    expectStatus(await step(id, 'reply', { text: '已更换热水器' }, asPerson(logisticsHandler)), 200);
    expect(
      expectStatus(await step(id, 'callback', { satisfaction: 'unsatisfied', resolution: 'unsolved' }), 200)
        .supervised,
    ).toBe(true);
    expectStatus(await step(id, 'supervise', { note: '督办：一周内解决' }), 200);
    expect(expectStatus(await step(id, 'reopen', { reason: '仍无热水' }), 200)).toMatchObject({
      status: 'dispatched',
      reopenCount: 1,
    });
    expectStatus(await step(id, 'accept', {}, asPerson(logisticsHandler)), 200);
    expectStatus(await step(id, 'reply', { text: '已更换整套热水系统' }, asPerson(logisticsHandler)), 200);
    expectStatus(await step(id, 'callback', { satisfaction: 'satisfied', resolution: 'solved' }), 200);
    const closed = expectStatus(await step(id, 'close'), 200);
    expect(closed).toMatchObject({ status: 'closed', reopenCount: 1, leadDepartmentId: logistics });
    expect(closed.entries.map((entry) => entry.kind)).toEqual([
      'received',
      'dispatch',
      'return-dispatch',
      'dispatch',
      'accept',
      'contact',
      'notes',
      'reply',
      'callback',
      'supervise',
      'reopen',
      'accept',
      'reply',
      'callback',
      'close',
    ]);
  });

  it('keeps the requester contact out of lists and from a role without the right', async () => {
    const list = await call<Page<CaseSummary>>(system, 'GET', '/api/v1/cases?limit=500');
    expect(list.status).toBe(200);
    expect(JSON.stringify(list.body)).not.toContain(CONTACT);
    const mine = list.body.items.find((item) => item.externalNo === 'BJ2024E2E0001') as CaseSummary;
    expect(mine.requester).toMatchObject({ name: '张*', contact: null });
    // A dormitory liaison reads the dormitory's cases (co-handling here), without personal data.
    const masked = expectStatus(
      await call<Case>(system, 'GET', `/api/v1/cases/${mine.id}`, asPerson(liaison)),
      200,
    );
    expect(masked.requester).toMatchObject({ name: '张*', contact: null, masked: true });
    expect(JSON.stringify(masked)).not.toContain(CONTACT);
    const handler = expectStatus(
      await call<Case>(system, 'GET', `/api/v1/cases/${mine.id}`, asPerson(logisticsHandler)),
      200,
    );
    expect(handler.requester).toMatchObject({ name: '张三', contact: CONTACT });
    // Listing every department's cases is for school-wide readers.
    expect((await call(system, 'GET', '/api/v1/cases', asPerson(liaison))).status).toBe(403);
  });

  it('creates nothing when a city batch comes again, and reports a bad row while importing the rest', async () => {
    const rows = ['BJ2024E2E0101', 'BJ2024E2E0102', 'BJ2024E2E0103'].map((externalNo, index) => ({
      externalNo,
      receivedAt: '2024-09-02T09:30:00+08:00',
      category: index === 1 ? 'weather' : 'canteen',
      title: '食堂饭菜涨价',
      content: '市民反映学校食堂饭菜涨价。',
      requesterName: '赵六',
      requesterContact: '13900139000',
    }));
    const first = expectStatus(
      await call<ImportResult>(system, 'POST', '/api/v1/cases/imports/city-12345', { body: { rows } }),
      200,
    );
    expect(first).toMatchObject({ created: 2, alreadyPresent: 0, rejected: 1 });
    expect(first.rows[1]).toMatchObject({ outcome: 'rejected', errors: [{ field: 'category' }] });
    const before = await countCases();
    const again = expectStatus(
      await call<ImportResult>(system, 'POST', '/api/v1/cases/imports/city-12345', { body: { rows } }),
      200,
    );
    expect(again).toMatchObject({ created: 0, alreadyPresent: 2, rejected: 1 });
    expect(await countCases()).toBe(before);
  });

  it('takes a public submission and shows status and public replies only with the right code', async () => {
    const receipt = expectStatus(
      await call<PublicReceipt>(system, 'POST', '/api/v1/public/cases', {
        asAdmin: false,
        body: {
          kind: 'complaint',
          category: 'canteen',
          title: '食堂排队时间太长',
          content: '午餐高峰排队超过二十分钟。',
          requester: { name: '王五', contact: 'wangwu@example.edu.cn' },
        },
      }),
      201,
    );
    const track = (code: string) =>
      call<PublicCaseView>(system, 'GET', `/api/v1/public/cases/${receipt.trackingNo}`, {
        asAdmin: false,
        headers: { 'x-verification-code': code },
      });
    expect(expectStatus(await track(receipt.verificationCode), 200)).toMatchObject({
      trackingNo: receipt.trackingNo,
      status: 'received',
      replies: [],
    });
    const wrong = await track('WRONG234');
    expect(wrong.status).toBe(404);
    expect(wrong.contentType).toContain('application/problem+json');
    expect(JSON.stringify(wrong.body)).not.toContain('食堂');
    const unknown = await call(system, 'GET', '/api/v1/public/cases/GK20240101-AAAAAA', {
      asAdmin: false,
      headers: { 'x-verification-code': receipt.verificationCode },
    });
    expect(unknown.status).toBe(404);
    expect((unknown.body as { detail: string }).detail).toBe(
      (wrong.body as unknown as { detail: string }).detail,
    );
  });

  it('refuses bad input with a 4xx problem and changes nothing', async () => {
    const before = await countCases();
    const base = {
      kind: 'complaint',
      source: 'web',
      category: 'canteen',
      title: '标题',
      content: '内容',
      requester: { name: '甲', contact: '乙' },
    };
    const refused = async (body: unknown, status: number) => {
      const answer = await call(system, 'POST', '/api/v1/cases', { body });
      expect(answer.status).toBe(status);
      expect(answer.contentType).toContain('application/problem+json');
    };
    await refused({ ...base, kind: 'petition' }, 400);
    await refused({ ...base, source: 'fax' }, 400);
    await refused({ ...base, category: 'weather' }, 400);
    await refused({ ...base, title: 'bell\u0007' }, 400);
    await refused({ ...base, content: '字'.repeat(700_000) }, 413);
    expect(await countCases()).toBe(before);
    const open = expectStatus(
      await call<CreatedCaseReply>(system, 'POST', '/api/v1/cases', { body: base }),
      201,
    );
    const callback = await step(open.case.id, 'callback', {
      satisfaction: 'satisfied',
      resolution: 'solved',
    });
    expect(callback.status).toBe(409);
    expect(callback.contentType).toContain('application/problem+json');
    expect(expectStatus(await call<Case>(system, 'GET', `/api/v1/cases/${open.case.id}`), 200)).toMatchObject(
      { status: 'received', callback: null },
    );
  });

  it('runs a report about disclosure work and an application with a correction through the gateway', async () => {
    const report = expectStatus(
      await call<CreatedCaseReply>(system, 'POST', '/api/v1/cases', {
        body: {
          kind: 'report',
          source: 'letter',
          category: 'disclosure',
          title: '举报：招生信息未按时公开',
          content: '学校2024年招生章程未在规定时间内公开。',
          requester: { name: '匿名', contact: 'none' },
        },
      }),
      201,
    );
    expectStatus(await step(report.case.id, 'investigate'), 200);
    const concluded = expectStatus(
      await step(report.case.id, 'conclude', {
        finding: '经核查，章程已于规定时间内公开，举报不属实。',
        substantiated: false,
      }),
      200,
    );
    expect(concluded).toMatchObject({ status: 'concluded', report: { substantiated: false } });
    expect(expectStatus(await step(report.case.id, 'close'), 200).status).toBe('closed');

    const application = expectStatus(
      await call<CreatedCaseReply>(system, 'POST', '/api/v1/cases', {
        body: {
          kind: 'application',
          source: 'email',
          category: 'fees',
          title: '申请公开学费收支明细',
          content: '申请公开2023年学费收入及支出明细。',
          requester: { name: '李四', contact: 'lisi@example.com', type: 'legal_service_institution' },
        },
      }),
      201,
    );
    const id = application.case.id;
    expectStatus(await step(id, 'register'), 200);
    expect(
      expectStatus(await step(id, 'request-correction', { notice: '请说明所需明细的年份与科目。' }), 200).sla
        .state,
    ).toBe('waiting_requester');
    expectStatus(await step(id, 'correction-received'), 200);
    // Extending is the office head's: a dispatcher may not.
    const dispatcher = await personWithRole('C004', dormitory, 'complaint_dispatcher');
    const body = { workingDays: 15, reason: '需财务处汇总', approvedBy: '信息公开办主任' };
    expect((await step(id, 'extend', body, asPerson(dispatcher))).status).toBe(403);
    expect(expectStatus(await step(id, 'extend', body), 200).sla).toMatchObject({
      state: 'extended',
      extendedWorkingDays: 15,
    });
    expect((await step(id, 'extend', { ...body, workingDays: 1 })).status).toBe(409);
    const decided = expectStatus(
      await step(id, 'decide', {
        result: 'not_disclosed',
        reason: 'internal_affairs',
        replyText: '属于内部事务信息，不予公开。',
        deliveredVia: 'email',
      }),
      200,
    );
    expect(decided).toMatchObject({
      status: 'decided',
      sla: { onTime: true },
      application: { decision: { result: 'not_disclosed' } },
    });
    const publicView = await call<PublicCaseView>(
      system,
      'GET',
      `/api/v1/public/cases/${decided.trackingNo}`,
      {
        asAdmin: false,
        headers: { 'x-verification-code': application.verificationCode },
      },
    );
    expect(expectStatus(publicView, 200).replies.map((reply) => reply.text)).toEqual([
      '请说明所需明细的年份与科目。',
      '属于内部事务信息，不予公开。',
    ]);
  });

  it('reproduces the seed year through the API: 1254 complaints, 882 from the city and 372 on campus, completion above 98 %, 5 applications answered in time', async () => {
    const center = await department('XSFWZX', '学生服务中心');
    const year = { from: '2023-09-01', to: '2024-08-31' };
    const day = (index: number) =>
      new Date(Date.UTC(2023, 8, 4) + (index % 300) * 86_400_000 + 2 * 3_600_000);
    // 882 city transfers, in batches as the 12345 connector sends them.
    const city = Array.from({ length: 882 }, (_, index) => ({
      externalNo: `BJ2324${String(index).padStart(5, '0')}`,
      receivedAt: day(index).toISOString(),
      category: ['canteen', 'dormitory', 'logistics', 'network'][index % 4],
      title: `市民诉求${index}`,
      content: '食堂饭菜价格上涨，宿舍空调不制冷。',
      requesterName: '市民',
      requesterContact: `1390000${String(index).padStart(4, '0')}`,
    }));
    for (let index = 0; index < city.length; index += 300) {
      const batch = expectStatus(
        await call<ImportResult>(system, 'POST', '/api/v1/cases/imports/city-12345', {
          body: { rows: city.slice(index, index + 300), batchRef: `seed-${index}` },
        }),
        200,
      );
      expect(batch.rejected).toBe(0);
    }
    const campusSources = ['campus_hotline', 'web', 'email', 'in_person', 'letter'];
    const ids: string[] = [];
    const pool = async <T>(items: T[], work: (item: T, index: number) => Promise<void>) => {
      let next = 0;
      await Promise.all(
        Array.from({ length: 6 }, async () => {
          while (next < items.length) {
            const index = next++;
            await work(items[index] as T, index);
          }
        }),
      );
    };
    await pool(
      Array.from({ length: 372 }, (_, index) => index),
      async (index) => {
        const created = expectStatus(
          await call<CreatedCaseReply>(system, 'POST', '/api/v1/cases', {
            body: {
              kind: 'complaint',
              source: campusSources[index % campusSources.length],
              category: 'teaching',
              title: `校内诉求${index}`,
              content: '教室投影仪故障。',
              requester: { name: '学生', contact: `1380000${String(index).padStart(4, '0')}` },
              occurredAt: day(index + 7).toISOString(),
            },
          }),
          201,
        );
        ids.push(created.case.id);
      },
    );
    const cityCases = await waitFor(
      async () => {
        const all: CaseSummary[] = [];
        let cursor: string | null = null;
        do {
          const page: Page<CaseSummary> = expectStatus(
            await call<Page<CaseSummary>>(
              system,
              'GET',
              `/api/v1/cases?source=city_12345&limit=500${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
            ),
            200,
          );
          all.push(...page.items);
          cursor = page.nextCursor;
        } while (cursor);
        return all.filter((item) => item.externalNo?.startsWith('BJ2324'));
      },
      { what: 'the city cases' },
    );
    expect(cityCases).toHaveLength(882);
    const everyComplaint = [...cityCases.map((item) => item.id), ...ids];
    // Closed through the loop, all but 20 (completion 1234 / 1254 = 98.4 %).
    await waitFor(
      async () =>
        (await step(everyComplaint[0] as string, 'dispatch', { leadDepartmentId: center })).status === 200,
      { what: 'the centre known to complaints' },
    );
    await pool(everyComplaint, async (id, index) => {
      if (index > 0) expectStatus(await step(id, 'dispatch', { leadDepartmentId: center }), 200);
      if (index >= everyComplaint.length - 20) return;
      expectStatus(await step(id, 'accept'), 200);
      expectStatus(await step(id, 'reply', { text: '已处理' }), 200);
      expectStatus(await step(id, 'close'), 200);
    });
    // 5 applications, each decided within its 15 working days.
    await pool([0, 1, 2, 3, 4], async (index) => {
      const receivedAt = new Date(Date.UTC(2024, 2, 4 + index * 7, 2));
      const application = expectStatus(
        await call<CreatedCaseReply>(system, 'POST', '/api/v1/cases', {
          body: {
            kind: 'application',
            source: index % 2 ? 'letter' : 'web',
            category: 'admissions',
            title: `信息公开申请${index}`,
            content: '申请公开本科招生录取人数。',
            requester: {
              name: '申请人',
              contact: 'apply@example.com',
              type: index === 4 ? 'research_institution' : 'natural_person',
            },
            occurredAt: receivedAt.toISOString(),
          },
        }),
        201,
      );
      const at = (days: number) => new Date(receivedAt.getTime() + days * 86_400_000).toISOString();
      expectStatus(await step(application.case.id, 'register', { occurredAt: at(1) }), 200);
      const decided = expectStatus(
        await step(application.case.id, 'decide', {
          result: 'disclosed',
          replyText: '予以公开',
          deliveredVia: 'email',
          occurredAt: at(10),
        }),
        200,
      );
      expect(decided.sla.onTime).toBe(true);
    });

    const complaints = expectStatus(
      await call<CaseMetrics>(
        system,
        'GET',
        `/api/v1/cases/metrics?from=${year.from}&to=${year.to}&groupBy=source`,
      ),
      200,
    );
    // The other tests' cases were received now (2026), outside the year: only the seed counts here.
    expect(complaints.total.received).toBe(1254);
    expect(complaints.groups.find((group) => group.key === 'city_12345')?.received).toBe(882);
    expect(
      complaints.groups
        .filter((group) => group.key !== 'city_12345')
        .reduce((sum, group) => sum + group.received, 0),
    ).toBe(372);
    expect(complaints.total.completed).toBe(1234);
    expect(complaints.total.completionRate).toBeGreaterThan(0.98);
    const applications = expectStatus(
      await call<CaseMetrics>(
        system,
        'GET',
        `/api/v1/cases/metrics?from=${year.from}&to=${year.to}&kind=application`,
      ),
      200,
    );
    expect(applications.total).toMatchObject({ received: 5, repliedOnTime: 5, replyDue: 5, onTimeRate: 1 });
    const reports = expectStatus(
      await call<CaseMetrics>(
        system,
        'GET',
        `/api/v1/cases/metrics?from=${year.from}&to=${year.to}&kind=report`,
      ),
      200,
    );
    expect(reports.total.received).toBe(0);
    const table = expectStatus(
      await call<ApplicationTable>(
        system,
        'GET',
        `/api/v1/cases/application-table?from=${year.from}&to=${year.to}`,
      ),
      200,
    );
    const row = (key: string) => table.rows.find((entry) => entry.key === key)?.counts;
    expect(row('received')).toMatchObject({ natural_person: 4, research_institution: 1, total: 5 });
    expect(row('result.disclosed')?.total).toBe(5);
    expect(row('carried_out')?.total).toBe(0);
    expect(table.invariantHolds).toBe(true);
    console.log(
      `seed year through the API: ${complaints.total.received} complaints (${882} city, ${372} campus), completion ${(100 * (complaints.total.completionRate ?? 0)).toFixed(2)} %, ${applications.total.received} applications on time`,
    );
  }, 900000);
});
