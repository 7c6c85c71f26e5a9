import type { AnnualReport, Department, FigureItems, ProjectionStatus } from '@gongkai/contracts';
import { startSystem, waitFor, type RunningSystem } from '@gongkai/testing';
import { call, type HttpResult } from './walking-skeleton.e2e-helpers';

/** A small deterministic generator, so a failing year can be generated again from its seed. */
function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const DAY_MS = 86_400_000;
/** 2023-09-01 00:00 in Beijing; a business day `d` of the year 2023-2024, at a working hour. */
const YEAR_START = Date.UTC(2023, 7, 31, 16);
const at = (day: number, hours = 2) =>
  new Date(YEAR_START + day * DAY_MS + (9 + hours) * 3_600_000).toISOString();
const rate = (numerator: number, denominator: number) =>
  denominator === 0 ? null : Math.round((numerator / denominator) * 10_000) / 10_000;

type CreatedCase = { case: { id: string } };

/**
 * The must-show of issue 12 through the gateway and the built apps: a generated smaller year
 * (its seed printed) driven with business times across the year, some after it ended, whose
 * report figures equal the generated numbers one by one; and a rebuild from the streams giving
 * the same report JSON byte for byte.
 */
describe('the annual report of a generated year', () => {
  let system: RunningSystem;
  const seed = Number(process.env['REPORTS_E2E_SEED'] ?? Math.floor(Math.random() * 2 ** 31));
  const random = mulberry32(seed);
  const int = (below: number) => Math.floor(random() * below);
  const pick = <T>(values: readonly T[]): T => values[int(values.length)] as T;
  const expected = new Map<string, number | null>();
  let report: AnnualReport;

  beforeAll(async () => {
    console.log(`reports-year e2e: seed ${seed} (REPORTS_E2E_SEED=${seed} generates this year again)`);
    system = await startSystem({
      extraEnv: { RATE_LIMIT_PER_MINUTE: '1000000', REQUEST_TIMEOUT_MS: '30000' },
    });
  }, 180_000);

  afterAll(async () => {
    await system?.stop();
  });

  const expectStatus = <T>(result: HttpResult<T>, status: number): T => {
    if (result.status !== status)
      throw new Error(`expected ${status}, got ${result.status}: ${JSON.stringify(result.body)}`);
    return result.body;
  };
  const post = <T>(path: string, body: unknown, status = 200) =>
    call<T>(system, 'POST', `/api/v1${path}`, { body }).then((result) => expectStatus(result, status));
  const step = (caseId: string, name: string, body: Record<string, unknown>) =>
    post(`/cases/${caseId}/${name}`, body);
  const newCase = async (body: Record<string, unknown>) =>
    (await post<CreatedCase>('/cases', { title: '诉求', content: '食堂饭菜价格上涨。', ...body }, 201)).case
      .id;

  it('reports, figure by figure, the year the test generated', async () => {
    const department = expectStatus(
      await call<Department>(system, 'POST', '/api/v1/departments', {
        body: { code: 'XSFWZX', name: '学生服务中心', type: 'centre' },
      }),
      201,
    ).id;
    const other = expectStatus(
      await call<Department>(system, 'POST', '/api/v1/departments', {
        body: { code: 'HQBZB', name: '后勤保障部', type: 'office' },
      }),
      201,
    ).id;

    // ---- Complaints: received across the year, closed in it, or closed only in September ----
    const sources = ['city_12345', 'campus_hotline', 'web', 'email', 'in_person', 'letter'] as const;
    const counts = {
      received: 0,
      completed: 0,
      responseDue: 0,
      respondedInTime: 0,
      calledBack: 0,
      solved: 0,
      satisfied: 0,
    };
    const bySource = new Map<string, number>(sources.map((source) => [source, 0]));
    const bySatisfaction = new Map<string, number>([
      ['satisfied', 0],
      ['basically_satisfied', 0],
      ['unsatisfied', 0],
    ]);
    const complaintCount = 12 + int(10);
    let ticket = 0;
    const complaint = async (source: string, receivedAt: string) =>
      newCase({
        kind: 'complaint',
        source,
        category: pick(['canteen', 'dormitory', 'network']),
        requester: { name: '市民', contact: '13900000000' },
        occurredAt: receivedAt,
        ...(source === 'city_12345'
          ? { externalNo: `BJ2324E${String((ticket += 1)).padStart(5, '0')}` }
          : {}),
      });
    let dispatchable = false;
    for (let index = 0; index < complaintCount; index += 1) {
      const source = random() < 0.6 ? 'city_12345' : pick(sources.slice(1));
      const fate = pick(['open', 'closed', 'closed', 'closed', 'closed_in_september'] as const);
      const day = fate === 'closed_in_september' ? 335 + int(20) : int(300);
      // Received at 09:00, dispatched at 10:00, accepted at 11:00 … (a step never precedes the one before).
      const id = await complaint(source, at(day, 0));
      counts.received += 1;
      // Received by day 354 (20 August): its response limit passed within the year, contacted or not.
      counts.responseDue += 1;
      bySource.set(source, (bySource.get(source) ?? 0) + 1);
      if (fate === 'open') continue;
      if (!dispatchable) {
        // The complaints service learns the department from permissions' events.
        await waitFor(
          async () =>
            (
              await call(system, 'POST', `/api/v1/cases/${id}/dispatch`, {
                body: { leadDepartmentId: department, occurredAt: at(day, 1) },
              })
            ).status === 200,
          { what: 'the department known to complaints', timeoutMs: 120_000 },
        );
        dispatchable = true;
      } else await step(id, 'dispatch', { leadDepartmentId: department, occurredAt: at(day, 1) });
      await step(id, 'accept', { occurredAt: at(day, 2) });
      const contact = pick(['in_time', 'late', 'none'] as const);
      if (contact !== 'none') {
        await step(id, 'contact', { occurredAt: contact === 'in_time' ? at(day, 3) : at(day + 20, 3) });
        if (contact === 'in_time') counts.respondedInTime += 1;
      }
      const replyDay = fate === 'closed_in_september' ? day + 1 : day + 21;
      await step(id, 'reply', { text: '已处理', occurredAt: at(replyDay, 4) });
      const satisfaction = pick(['satisfied', 'basically_satisfied', 'unsatisfied', 'none'] as const);
      if (satisfaction !== 'none') {
        const resolution = pick(['solved', 'partly_solved', 'unsolved'] as const);
        await step(id, 'callback', { satisfaction, resolution, occurredAt: at(replyDay + 1, 4) });
        counts.calledBack += 1;
        if (resolution === 'solved') counts.solved += 1;
        if (satisfaction !== 'unsatisfied') counts.satisfied += 1;
        bySatisfaction.set(satisfaction, (bySatisfaction.get(satisfaction) ?? 0) + 1);
        // An unsatisfied requester's case goes to supervision, not to closing.
        if (satisfaction === 'unsatisfied') continue;
      }
      if (fate === 'closed_in_september') {
        // Closed (and entered) after the year ended: open at the end of the year.
        await step(id, 'close', { occurredAt: '2024-09-05T02:00:00.000Z' });
      } else {
        await step(id, 'close', { occurredAt: at(replyDay + 2, 4) });
        counts.completed += 1;
      }
    }
    // Outside the year on both sides: counted in neither figure.
    await complaint('web', '2023-08-20T02:00:00.000Z');
    await complaint('city_12345', '2024-09-10T02:00:00.000Z');

    expected.set('service.complaints.received', counts.received);
    for (const source of sources)
      expected.set(`service.complaints.source.${source}`, bySource.get(source) ?? 0);
    expected.set('service.complaints.city', bySource.get('city_12345') ?? 0);
    expected.set('service.complaints.campus', counts.received - (bySource.get('city_12345') ?? 0));
    expected.set('service.complaints.completed', counts.completed);
    expected.set('service.complaints.completion_rate', rate(counts.completed, counts.received));
    expected.set('service.complaints.responded_in_time', counts.respondedInTime);
    expected.set('service.complaints.response_rate', rate(counts.respondedInTime, counts.responseDue));
    expected.set('service.complaints.called_back', counts.calledBack);
    expected.set('service.complaints.resolution_rate', rate(counts.solved, counts.calledBack));
    expected.set('service.complaints.satisfaction_rate', rate(counts.satisfied, counts.calledBack));
    for (const [satisfaction, count] of bySatisfaction)
      expected.set(`evaluation.callbacks.${satisfaction}`, count);

    // ---- Applications: decided in time or late, one still open at the end of the year ----
    const results = [
      { result: 'disclosed' },
      { result: 'partly_disclosed' },
      { result: 'not_disclosed', reason: 'third_party_rights' },
      { result: 'cannot_provide', reason: 'not_held' },
    ] as const;
    const byResult = new Map<string, number>();
    const applicationCount = 2 + int(4);
    let inTime = 0;
    for (let index = 0; index < applicationCount; index += 1) {
      const day = int(290);
      const id = await newCase({
        kind: 'application',
        source: pick(['web', 'letter', 'email']),
        category: 'admissions',
        requester: {
          name: '申请人',
          contact: 'apply@example.com',
          type: pick(['natural_person', 'research_institution']),
        },
        occurredAt: at(day),
      });
      await step(id, 'register', { occurredAt: at(day + 1) });
      const decision = pick(results);
      const late = random() < 0.3;
      await step(id, 'decide', {
        ...decision,
        replyText: '答复书',
        deliveredVia: 'email',
        occurredAt: at(day + (late ? 60 : 5)),
      });
      if (!late) inTime += 1;
      byResult.set(decision.result, (byResult.get(decision.result) ?? 0) + 1);
    }
    const carriedOut = await newCase({
      kind: 'application',
      source: 'letter',
      category: 'admissions',
      requester: { name: '申请人', contact: 'apply@example.com', type: 'natural_person' },
      occurredAt: at(350),
    });
    await step(carriedOut, 'register', { occurredAt: at(351) });
    await step(carriedOut, 'decide', {
      result: 'disclosed',
      replyText: '答复书',
      deliveredVia: 'post',
      occurredAt: '2024-09-20T02:00:00.000Z',
    });
    expected.set('application.received', applicationCount + 1);
    expected.set('application.decided', applicationCount);
    expected.set('application.answered_in_time', inTime);
    for (const { result } of results) expected.set(`application.result.${result}`, byResult.get(result) ?? 0);

    // ---- Reports about disclosure work ----
    const reportCount = int(3);
    let substantiated = 0;
    for (let index = 0; index < reportCount; index += 1) {
      const day = int(300);
      const id = await newCase({
        kind: 'report',
        source: 'email',
        category: 'disclosure',
        requester: { name: '举报人', contact: 'report@example.com' },
        occurredAt: at(day),
      });
      await step(id, 'investigate', { occurredAt: at(day + 1) });
      const found = random() < 0.5;
      await step(id, 'conclude', { finding: '经核查', substantiated: found, occurredAt: at(day + 4) });
      if (found) substantiated += 1;
    }
    expected.set('supervision.reports.received', reportCount);
    expected.set('supervision.reports.substantiated', substantiated);
    expected.set('supervision.reconsiderations', null);
    expected.set('supervision.lawsuits', null);

    // ---- The catalogue: responsibilities assigned, revised in the year, versions published ----
    const items = await waitFor(
      async () => {
        const page = await call<{ items: { id: string; code: string; categoryCode: string }[] }>(
          system,
          'GET',
          '/api/v1/catalogue/items?limit=100',
        );
        return page.status === 200 && page.body.items.length >= 10 ? page.body.items : null;
      },
      { what: 'the seeded catalogue' },
    );
    const chosen = [...items].sort((a, b) => a.code.localeCompare(b.code)).slice(0, 6);
    const put = (itemId: string, body: unknown) =>
      call(system, 'PUT', `/api/v1/catalogue/items/${itemId}/responsibility`, { body });
    for (const item of chosen) {
      await waitFor(
        async () =>
          (
            await put(item.id, {
              leadDepartmentId: department,
              reason: '年度责任分工',
              effectiveDate: '2023-06-01',
            })
          ).status === 200,
        { what: `the first responsibility of ${item.code}` },
      );
    }
    const revisedCount = 1 + int(3);
    for (const [index, item] of chosen.slice(0, revisedCount).entries()) {
      expectStatus(
        await put(item.id, {
          leadDepartmentId: other,
          reason: '机构调整',
          effectiveDate: at(100 + index * 30).slice(0, 10),
        }),
        200,
      );
    }
    // Revised after the year: not this year's.
    expectStatus(
      await put(chosen[5]?.id ?? '', {
        leadDepartmentId: other,
        reason: '机构调整',
        effectiveDate: '2024-09-15',
      }),
      200,
    );
    expected.set('active.responsibilities.revised', revisedCount);

    const publishedCount = 2 + int(3);
    const channelCounts = new Map<string, number>();
    const publish = async (itemId: string, publishedAt: string, channels: string[]) => {
      const base = `/catalogue/items/${itemId}/publications`;
      const draft = await post<{ id: string }>(base, { title: '年度信息', body: '内容', channels }, 201);
      await post(`${base}/${draft.id}/submit-for-review`, {});
      await post(`${base}/${draft.id}/secrecy-review`, { reviewer: '李四' });
      await post(`${base}/${draft.id}/publish`, { occurredAt: publishedAt });
    };
    for (let index = 0; index < publishedCount; index += 1) {
      const channels = random() < 0.5 ? ['disclosure_site'] : ['disclosure_site', 'wechat'];
      await publish((chosen[index] as { id: string }).id, at(20 + index * 60), channels);
      for (const channel of channels) channelCounts.set(channel, (channelCounts.get(channel) ?? 0) + 1);
    }
    // Published in September 2024: next year's.
    await publish((chosen[5] as { id: string }).id, '2024-09-03T02:00:00.000Z', ['disclosure_site']);
    expected.set('active.publications.published', publishedCount);
    expected.set('active.items.updated', publishedCount);
    expected.set('active.channels.disclosure_site', channelCounts.get('disclosure_site') ?? 0);
    expected.set('active.channels.wechat', channelCounts.get('wechat') ?? 0);
    expected.set('catalogue.items.published', publishedCount);

    // ---- The report, once the projections hold every event ----
    const path = '/api/v1/reports/annual/2023-2024';
    report = await waitFor(
      async () => {
        const status = await call<ProjectionStatus>(system, 'GET', '/api/v1/reports/status');
        if (status.status !== 200 || !status.body.caughtUp) return null;
        const answer = await call<AnnualReport>(system, 'GET', path);
        const figure = (id: string) => answer.body.figures.find((entry) => entry.id === id)?.value;
        return figure('active.publications.published') === publishedCount &&
          figure('service.complaints.received') === counts.received
          ? answer.body
          : null;
      },
      { what: 'the report with every event', timeoutMs: 180_000 },
    );
    const actual = Object.fromEntries(
      [...expected.keys()].map((id) => [id, report.figures.find((entry) => entry.id === id)?.value]),
    );
    expect({ seed, figures: actual }).toEqual({ seed, figures: Object.fromEntries(expected) });
    expect(report.applicationTable.invariantHolds).toBe(true);
    expect(report.applicationTable.rows.find((row) => row.key === 'carried_out')?.counts.total).toBe(1);
    expect(report.sections.map((section) => section.heading)).toContain('四、依申请公开情况');
  }, 900_000);

  it('lists the items behind a figure, and says where each figure came from', async () => {
    const explained = expectStatus(
      await call<AnnualReport>(system, 'GET', '/api/v1/reports/annual/2023-2024?explain=true'),
      200,
    );
    expect(explained.explanations?.map((entry) => entry.figureId)).toEqual(
      explained.figures.map((figure) => figure.id),
    );
    const completed = explained.explanations?.find(
      (entry) => entry.figureId === 'service.complaints.completed',
    );
    const items = expectStatus(await call<FigureItems>(system, 'GET', completed?.itemsHref ?? ''), 200);
    expect(items.items).toHaveLength(expected.get('service.complaints.completed') as number);
    expect(
      items.items.every((item) => item.kind === 'case' && item.on !== null && item.on >= '2023-09-01'),
    ).toBe(true);

    const markdown = await call<string>(system, 'GET', '/api/v1/reports/annual/2023-2024?format=md');
    expect(markdown.status).toBe(200);
    expect(markdown.contentType).toContain('text/markdown');
    expect(markdown.body).toContain(`校园接诉即办共受理诉求${expected.get('service.complaints.received')}件`);

    const badYear = await call<{ code: string }>(system, 'GET', '/api/v1/reports/annual/2023-2025');
    expect(badYear.status).toBe(400);
    expect(badYear.contentType).toContain('application/problem+json');
    expect((await call(system, 'GET', '/api/v1/reports/annual/2023-2024', { asAdmin: false })).status).toBe(
      401,
    );
  }, 120_000);

  it('rebuilds the projections from the streams into the same report JSON, byte for byte', async () => {
    const before = await call<string>(system, 'GET', '/api/v1/reports/annual/2023-2024', {});
    const beforeText = JSON.stringify(before.body);
    expectStatus(await call(system, 'POST', '/api/v1/reports/rebuild', { body: {} }), 200);
    const after = await waitFor(
      async () => {
        const status = await call<ProjectionStatus>(system, 'GET', '/api/v1/reports/status');
        if (status.status !== 200 || !status.body.caughtUp) return null;
        const answer = await call<AnnualReport>(system, 'GET', '/api/v1/reports/annual/2023-2024');
        return JSON.stringify(answer.body) === beforeText ? answer.body : null;
      },
      { what: 'the rebuilt report equal to the one before', timeoutMs: 180_000 },
    );
    expect(JSON.stringify(after)).toBe(beforeText);
  }, 300_000);
});
