import { PermissionsSubjects, ReportsRpc, type Decision } from '@gongkai/contracts';
import {
  adminHeaders,
  signJwt,
  StandIns,
  startGateway,
  type StartedGateway,
} from './support/gateway-harness';
import { sampleReplyOf } from './support/sample-replies';

const BOOTSTRAP_ACTOR = { kind: 'client', id: 'bootstrap-admin' };

/** Each route: how it is called, the subject it asks and what the service gets as body. */
const ROUTES = [
  {
    name: 'the annual report',
    method: 'GET',
    path: '/reports/annual/2023-2024',
    subject: ReportsRpc.getAnnualReport.subject,
    sent: { academicYear: '2023-2024', explain: false },
  },
  {
    name: 'the annual report explained',
    method: 'GET',
    path: '/reports/annual/2023-2024?explain=true',
    subject: ReportsRpc.getAnnualReport.subject,
    sent: { academicYear: '2023-2024', explain: true },
  },
  {
    name: 'the items of a figure',
    method: 'GET',
    path: '/reports/annual/2023-2024/figures/service.complaints.received/items',
    subject: ReportsRpc.getFigureItems.subject,
    sent: { academicYear: '2023-2024', figureId: 'service.complaints.received' },
  },
  {
    name: 'the problems text',
    method: 'GET',
    path: '/reports/annual/2023-2024/problems',
    subject: ReportsRpc.getProblemsText.subject,
    sent: { academicYear: '2023-2024' },
  },
  {
    name: 'a new version of the problems text',
    method: 'PUT',
    path: '/reports/annual/2023-2024/problems',
    body: { text: '一是部分公开信息的深度有待拓展。' },
    subject: ReportsRpc.putProblemsText.subject,
    sent: { academicYear: '2023-2024', text: '一是部分公开信息的深度有待拓展。' },
  },
  {
    name: 'the dashboard',
    method: 'GET',
    path: '/reports/dashboard',
    subject: ReportsRpc.getDashboard.subject,
    sent: {},
  },
  {
    name: 'the projections',
    method: 'GET',
    path: '/reports/status',
    subject: ReportsRpc.status.subject,
    sent: {},
  },
  {
    name: 'a rebuild',
    method: 'POST',
    path: '/reports/rebuild',
    subject: ReportsRpc.rebuild.subject,
    sent: {},
  },
] as const;

describe('reports routes through the gateway', () => {
  let gateway: StartedGateway;
  let standIns: StandIns;
  const call = (
    method: string,
    path: string,
    headers: Record<string, string> = adminHeaders,
    body?: unknown,
  ) =>
    fetch(`${gateway.url}/api/v1${path}`, {
      method,
      headers: { ...headers, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });

  beforeAll(async () => {
    gateway = await startGateway({ REQUEST_TIMEOUT_MS: '400' });
    standIns = await StandIns.connect(gateway.prefix);
  });

  afterAll(async () => {
    await standIns?.close();
    await gateway?.close();
  });

  afterEach(() => standIns.stopAnswering());

  it.each(ROUTES)('$name: $method $path → $subject', async (route) => {
    await standIns.answer(route.subject, () => sampleReplyOf(route.subject));
    const response = await call(
      route.method,
      route.path,
      adminHeaders,
      'body' in route ? route.body : undefined,
    );
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual(sampleReplyOf(route.subject));
    expect(standIns.callsTo(route.subject)[0]?.payload).toEqual({
      meta: { actor: BOOTSTRAP_ACTOR, correlationId: response.headers.get('x-correlation-id') },
      body: route.sent,
    });
  });

  it('answers format=md as the Markdown document under its own content type', async () => {
    await standIns.answer(ReportsRpc.renderAnnualReport.subject, () => ({
      format: 'md',
      contentType: 'text/markdown; charset=utf-8',
      fileName: '2023-2024-annual-report.md',
      encoding: 'utf-8',
      document: '# 2023-2024学年信息公开工作报告\n',
    }));
    const response = await call('GET', '/reports/annual/2023-2024?format=md');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/markdown');
    expect(await response.text()).toBe('# 2023-2024学年信息公开工作报告\n');
    expect(standIns.callsTo(ReportsRpc.renderAnnualReport.subject)[0]?.payload).toMatchObject({
      body: { academicYear: '2023-2024', explain: false, format: 'md' },
    });
  });

  it('answers format=html as the HTML document, inline, under text/html', async () => {
    await standIns.answer(ReportsRpc.renderAnnualReport.subject, () => ({
      format: 'html',
      contentType: 'text/html; charset=utf-8',
      fileName: '2023-2024-annual-report.html',
      encoding: 'utf-8',
      document: '<!doctype html><h1>2023-2024学年信息公开工作报告</h1>',
    }));
    const response = await call('GET', '/reports/annual/2023-2024?format=html&explain=true');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('content-disposition')).toBe(
      'inline; filename="2023-2024-annual-report.html"',
    );
    expect(await response.text()).toBe('<!doctype html><h1>2023-2024学年信息公开工作报告</h1>');
    expect(standIns.callsTo(ReportsRpc.renderAnnualReport.subject)[0]?.payload).toMatchObject({
      body: { academicYear: '2023-2024', explain: true, format: 'html' },
    });
  });

  it('answers format=docx with the decoded bytes as a Word attachment', async () => {
    // Not UTF-8 text: a byte sequence that survives only if the gateway decodes base64 and sends bytes.
    const bytes = Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0xff, 0xfe, 0x80, 0xe5, 0x85, 0xac]);
    await standIns.answer(ReportsRpc.renderAnnualReport.subject, () => ({
      format: 'docx',
      contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      fileName: '2023-2024-annual-report.docx',
      encoding: 'base64',
      document: bytes.toString('base64'),
    }));
    const response = await call('GET', '/reports/annual/2023-2024?format=docx');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe(
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    );
    expect(response.headers.get('content-disposition')).toBe(
      'attachment; filename="2023-2024-annual-report.docx"',
    );
    expect(Buffer.from(await response.arrayBuffer())).toEqual(bytes);
    expect(standIns.callsTo(ReportsRpc.renderAnnualReport.subject)[0]?.payload).toMatchObject({
      body: { academicYear: '2023-2024', explain: false, format: 'docx' },
    });
  });

  it('serves the dashboard page as HTML', async () => {
    await standIns.answer(ReportsRpc.renderDashboard.subject, () => ({
      contentType: 'text/html; charset=utf-8',
      document: '<!doctype html><h1>信息公开工作看板</h1>',
    }));
    const response = await call('GET', '/reports/dashboard/page');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/html');
    expect(await response.text()).toContain('信息公开工作看板');
  });

  it('refuses an unknown format with a 400 naming the query, asking nothing', async () => {
    const response = await call('GET', '/reports/annual/2023-2024?format=pdf');
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
    expect(standIns.callsTo(ReportsRpc.getAnnualReport.subject)).toHaveLength(0);
  });

  it('reads the report only with reports.read, and rebuilds only with the ops action', async () => {
    const deny: Decision = {
      allow: false,
      reason: 'No role binding grants it',
      bindingId: null,
      validUntil: null,
    };
    await standIns.answer(PermissionsSubjects.checkPermission, () => deny);
    const bearer = { authorization: `Bearer ${signJwt({ sub: '0190b3a4-7c1e-7c3a-8f00-000000000777' })}` };
    expect((await call('GET', '/reports/annual/2023-2024', {})).status).toBe(401);
    expect((await call('GET', '/reports/annual/2023-2024', bearer)).status).toBe(403);
    expect((await call('POST', '/reports/rebuild', bearer)).status).toBe(403);
    expect((await call('PUT', '/reports/annual/2023-2024/problems', bearer, { text: '改进' })).status).toBe(
      403,
    );
    const actions = standIns
      .callsTo(PermissionsSubjects.checkPermission)
      .map((call) => (call.payload as { body: { action: string } }).body.action);
    expect(actions).toEqual(['reports.read', 'ops.dead-letters.replay', 'reports.edit']);
    expect(standIns.callsTo(ReportsRpc.getAnnualReport.subject)).toHaveLength(0);
  });
});
