import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import {
  CatalogueItemCreatedV1,
  CategoryCreatedV1,
  ComplaintsEvents,
  PublicationPublishedV1,
  ReportsRpc,
  ResponsibilityRevisedV1,
  type AnnualReport,
  type EventDefinition,
} from '@gongkai/contracts';
import { waitFor } from '@gongkai/testing';
import { publishTestEvent, startServiceUnderTest, type ServiceUnderTest } from '@gongkai/service-testing';
import { AppModule } from '../src/app/app.module';
import { figureValue } from '../src/app/annual/documents/figure-value';
import { PrismaService } from '../src/app/prisma.service';
import { CaseFoldBackfill } from '../src/app/projections/case-fold-backfill';
import { readDocxBack } from './support/docx-read-back';

const YEAR = '2023-2024';

/** A case's state as every case event carries it. */
function caseState(caseId: string, overrides: Record<string, unknown> = {}) {
  return {
    caseId,
    trackingNo: `TS-${caseId.slice(0, 8)}`,
    kind: 'complaint',
    source: 'city_12345',
    externalNo: `BJ${caseId.slice(0, 6)}`,
    category: 'canteen',
    status: 'received',
    receivedAt: '2024-03-04T02:00:00.000Z',
    dueAt: null,
    leadDepartmentId: null,
    coDepartmentIds: [],
    handlerId: null,
    requesterType: null,
    reopenCount: 0,
    ...overrides,
  };
}

describe('reports projections from events', () => {
  let sut: ServiceUnderTest;

  beforeAll(async () => {
    sut = await startServiceUnderTest({
      service: 'reports',
      module: (config) => AppModule.register(config),
      prismaDir: join(__dirname, '..', 'prisma'),
    });
  }, 60_000);

  afterAll(() => sut?.stop());

  const publish = <T extends EventDefinition>(
    definition: T,
    payload: unknown,
    version: number,
    occurredAt: string,
    again = false,
  ) =>
    publishTestEvent(sut.nc, sut.runId, definition as never, payload as never, {
      versions: version,
      occurredAt: new Date(occurredAt),
      bypassDeduplication: again,
    });

  const report = () =>
    sut.client.request(ReportsRpc.getAnnualReport, { academicYear: YEAR, explain: true }, sut.meta);
  const figure = (value: AnnualReport, id: string) => value.figures.find((entry) => entry.id === id)?.value;
  const caughtUp = () =>
    waitFor(
      async () => {
        const status = await sut.client.request(ReportsRpc.status, {}, sut.meta);
        return status.caughtUp ? status : null;
      },
      { what: 'the projections to catch up', timeoutMs: 30_000 },
    );

  const closedCase = randomUUID();
  const closedInSeptember = randomUUID();
  const application = randomUUID();
  const itemId = randomUUID();

  it('folds a case delivered out of order and twice into the same figures as in order', async () => {
    const d = caseState(closedCase);
    const events = [
      [ComplaintsEvents.caseReceived, { ...d, cityDueAt: null }, '2024-03-04T02:00:00.000Z'],
      [
        ComplaintsEvents.caseDispatched,
        { ...d, status: 'dispatched', redispatch: false },
        '2024-03-04T03:00:00.000Z',
      ],
      [
        ComplaintsEvents.caseContacted,
        { ...d, status: 'accepted', onTime: true },
        '2024-03-04T04:00:00.000Z',
      ],
      [ComplaintsEvents.caseReplied, { ...d, status: 'replied', onTime: true }, '2024-03-05T04:00:00.000Z'],
      [
        ComplaintsEvents.caseCallbackRecorded,
        { ...d, status: 'replied', satisfaction: 'basically_satisfied', resolution: 'solved' },
        '2024-03-06T04:00:00.000Z',
      ],
      [ComplaintsEvents.caseClosed, { ...d, status: 'closed', onTime: true }, '2024-03-06T05:00:00.000Z'],
    ] as const;
    // Out of order: the close first, then the rest backwards; two of them twice.
    for (const index of [5, 3, 4, 1, 2, 0]) {
      const [definition, payload, at] = events[index] as (typeof events)[number];
      await publish(definition, payload, index + 1, at);
    }
    await publish(events[4][0], events[4][1], 5, events[4][2], true);
    await publish(events[5][0], events[5][1], 6, events[5][2], true);

    // A case of August closed in September (entered then, business time September): open at the year's end.
    const late = caseState(closedInSeptember, {
      source: 'web',
      externalNo: null,
      receivedAt: '2024-08-30T02:00:00.000Z',
    });
    await publish(ComplaintsEvents.caseReceived, { ...late, cityDueAt: null }, 1, '2024-08-30T02:00:00.000Z');
    await publish(
      ComplaintsEvents.caseClosed,
      { ...late, status: 'closed', onTime: false },
      2,
      '2024-09-03T02:00:00.000Z',
    );

    // An application received in June, decided in time in July (entered in October).
    const app = caseState(application, {
      kind: 'application',
      source: 'letter',
      externalNo: null,
      category: 'admissions',
      requesterType: 'research_institution',
      receivedAt: '2024-06-03T02:00:00.000Z',
    });
    await publish(ComplaintsEvents.caseReceived, { ...app, cityDueAt: null }, 1, '2024-06-03T02:00:00.000Z');
    await publish(
      ComplaintsEvents.caseDecided,
      { ...app, status: 'decided', result: 'partly_disclosed', reason: null, onTime: true },
      2,
      '2024-07-01T02:00:00.000Z',
    );

    // The catalogue: a category, an item, a version published in June, a revision after a merge.
    await publish(
      CategoryCreatedV1,
      { code: 'basic', name: '基本信息', nameVariants: [], origin: 'moe', sortOrder: 1 },
      1,
      '2023-01-01T00:00:00.000Z',
    );
    await publish(
      CatalogueItemCreatedV1,
      {
        itemId,
        code: 'JB-01',
        moeItemNo: null,
        title: '学校基本情况',
        categoryCode: 'basic',
        scope: 'public',
        cycle: { kind: 'on_change' },
        ownTimeLimitDays: null,
        channels: ['disclosure_site'],
        status: 'active',
        origin: 'moe',
        uncertain: false,
      },
      1,
      '2023-01-01T00:00:00.000Z',
    );
    const publicationId = randomUUID();
    await publish(
      PublicationPublishedV1,
      {
        itemId,
        itemCode: 'JB-01',
        publicationId,
        version: 1,
        title: '学校基本情况（2024年版）',
        source: 'ad_hoc',
        taskId: null,
        roundId: null,
        scope: 'public',
        channels: ['disclosure_site', 'wechat'],
        publishedAt: '2024-06-10T02:00:00.000Z',
        informationChangedAt: null,
        dueAt: null,
        publishedOnTime: null,
        contentHash: 'a'.repeat(64),
        previousHash: null,
        supersededPublicationId: null,
      },
      1,
      '2024-06-10T02:00:00.000Z',
    );
    await publish(
      ResponsibilityRevisedV1,
      {
        itemId,
        itemCode: 'JB-01',
        revisionId: randomUUID(),
        revisionNo: 2,
        leadDepartmentId: randomUUID(),
        coDepartmentIds: [],
        previousLeadDepartmentId: randomUUID(),
        previousCoDepartmentIds: [],
        reason: '机构合并',
        effectiveDate: '2024-05-01',
        trigger: 'reorganisation',
        reorganisationRef: null,
      },
      1,
      '2024-05-01T00:00:00.000Z',
    );
    await caughtUp();
    const first = await report();
    expect({
      received: figure(first, 'service.complaints.received'),
      city: figure(first, 'service.complaints.city'),
      campus: figure(first, 'service.complaints.campus'),
      completed: figure(first, 'service.complaints.completed'),
      completionRate: figure(first, 'service.complaints.completion_rate'),
      responseRate: figure(first, 'service.complaints.response_rate'),
      resolutionRate: figure(first, 'service.complaints.resolution_rate'),
      satisfactionRate: figure(first, 'service.complaints.satisfaction_rate'),
      applications: figure(first, 'application.received'),
      inTime: figure(first, 'application.answered_in_time'),
      partly: figure(first, 'application.result.partly_disclosed'),
      published: figure(first, 'active.publications.published'),
      wechat: figure(first, 'active.channels.wechat'),
      revised: figure(first, 'active.responsibilities.revised'),
      reports: figure(first, 'supervision.reports.received'),
      lawsuits: figure(first, 'supervision.lawsuits'),
    }).toEqual({
      received: 2,
      city: 1,
      campus: 1,
      completed: 1,
      completionRate: 0.5,
      responseRate: 1,
      resolutionRate: 1,
      satisfactionRate: 1,
      applications: 1,
      inTime: 1,
      partly: 1,
      published: 1,
      wechat: 1,
      revised: 1,
      reports: 0,
      lawsuits: null,
    });
    const researchColumn = first.applicationTable.rows.find((row) => row.key === 'result.partly_disclosed');
    expect(researchColumn?.counts.research_institution).toBe(1);
    expect(first.applicationTable.invariantHolds).toBe(true);

    // Every event again, as a redelivery past de-duplication: not one figure moves.
    for (const [index, [definition, payload, at]] of events.entries()) {
      await publish(definition, payload, index + 1, at, true);
    }
    await caughtUp();
    expect(JSON.stringify(await report())).toBe(JSON.stringify(first));
  }, 90_000);

  it('lists the items behind a figure and refuses an unknown figure with its reason', async () => {
    const items = await sut.client.request(
      ReportsRpc.getFigureItems,
      { academicYear: YEAR, figureId: 'service.complaints.completed' },
      sut.meta,
    );
    expect(items.items).toEqual([
      { kind: 'case', id: closedCase, ref: `TS-${closedCase.slice(0, 8)}`, on: '2024-03-04' },
    ]);
    await expect(
      sut.client.request(ReportsRpc.getFigureItems, { academicYear: YEAR, figureId: 'no.such' }, sut.meta),
    ).rejects.toMatchObject({ body: { code: 'NOT_FOUND', reason: 'FIGURE_NOT_FOUND' } });
  });

  it('keeps every version of the problems text and shows the newest, with the hotspots as material', async () => {
    const put = (text: string) =>
      sut.client.request(ReportsRpc.putProblemsText, { academicYear: YEAR, text }, sut.meta);
    await put('一是部分公开信息的深度和广度有待进一步拓展。');
    const history = await put('一是热点问题解读不够深入；二是队伍专业素养需持续强化。');
    expect(history.versions.map((entry) => entry.version)).toEqual([2, 1]);
    const current = await report();
    expect(current.problems).toMatchObject({
      version: 2,
      text: '一是热点问题解读不够深入；二是队伍专业素养需持续强化。',
      hotspots: [{ key: 'canteen', count: 2 }],
    });
  });

  it('renders the projected report as DOCX (base64 over NATS) and HTML holding the same figures as the JSON', async () => {
    const json = await report();
    const render = (format: 'docx' | 'html') =>
      sut.client.request(
        ReportsRpc.renderAnnualReport,
        { academicYear: YEAR, explain: false, format },
        sut.meta,
      );
    const docx = await render('docx');
    expect(docx).toMatchObject({
      contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      fileName: '2023-2024-annual-report.docx',
      encoding: 'base64',
    });
    const { rows, paragraphs } = await readDocxBack(Buffer.from(docx.document, 'base64'));
    expect(paragraphs[0]).toBe(json.title);
    expect(json.figures.filter((entry) => (entry.value ?? 0) > 0).length).toBeGreaterThan(3);
    for (const entry of json.figures) expect(rows).toContainEqual([entry.label, figureValue(entry)]);

    const html = await render('html');
    expect(html).toMatchObject({ contentType: 'text/html; charset=utf-8', encoding: 'utf-8' });
    for (const section of json.sections) expect(html.document).toContain(`<h2>${section.heading}</h2>`);
    expect(html.document).toContain('<figure id="complaints-by-month"><svg');
  });

  it('folds cases projected before report_case existed (the start-up backfill) into the same report', async () => {
    await caughtUp();
    const before = JSON.stringify(await report());
    const prisma = sut.app.get(PrismaService);
    const { count } = await prisma.reportCase.deleteMany({});
    expect(count).toBeGreaterThan(0);
    expect(figure(await report(), 'service.complaints.received')).toBe(0);
    await expect(sut.app.get(CaseFoldBackfill).run()).resolves.toBe(count);
    expect(JSON.stringify(await report())).toBe(before);
  });

  it('rebuilds from the streams into the same report, byte for byte (the office’s text kept)', async () => {
    const before = JSON.stringify(await report());
    await sut.client.request(ReportsRpc.rebuild, {}, sut.meta);
    await caughtUp();
    expect(JSON.stringify(await report())).toBe(before);
  }, 90_000);
});
