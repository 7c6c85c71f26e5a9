import { PermissionsSubjects, ReportsRpc, type RenderedReport } from '@gongkai/contracts';
import { adminHeaders, StandIns, startGateway, type StartedGateway } from './support/gateway-harness';

/**
 * HTTP_ANSWER_DEADLINE_MS bounds the whole answer, below REQUEST_TIMEOUT_MS (which bounds one
 * service call): a hung service gives 504 by the deadline, not after the longer call timeout.
 */
describe('the answer deadline', () => {
  let gateway: StartedGateway;
  let standIns: StandIns;
  const hang = () => new Promise((resolve) => setTimeout(resolve, 4000));

  beforeAll(async () => {
    gateway = await startGateway({ REQUEST_TIMEOUT_MS: '5000', HTTP_ANSWER_DEADLINE_MS: '800' });
    standIns = await StandIns.connect(gateway.prefix);
    await standIns.answer(PermissionsSubjects.createDepartment, hang);
    await standIns.answer(PermissionsSubjects.listDepartments, hang);
    // The annual report of a large year takes seconds to compute: longer than the usual deadline.
    await standIns.answer(ReportsRpc.renderAnnualReport.subject, async (): Promise<RenderedReport> => {
      await new Promise((resolve) => setTimeout(resolve, 1500));
      return {
        format: 'md',
        contentType: 'text/markdown; charset=utf-8',
        fileName: '2023-2024-annual-report.md',
        encoding: 'utf-8',
        document: '# 2023-2024学年信息公开工作年度报告\n',
      };
    });
  });

  afterAll(async () => {
    await standIns?.close();
    await gateway?.close();
  });

  it.each([
    ['a command', 'POST', { code: 'CS', name: '计算机学院', type: 'college' }],
    ['a read', 'GET', undefined],
  ])('answers %s to a hung service 504 by the deadline', async (_what, method, body) => {
    const started = Date.now();
    const response = await fetch(`${gateway.url}/api/v1/departments`, {
      method,
      headers: {
        ...adminHeaders,
        ...(body ? { 'content-type': 'application/json', 'idempotency-key': crypto.randomUUID() } : {}),
      },
      body: body ? JSON.stringify(body) : undefined,
    });
    const took = Date.now() - started;
    expect(response.status).toBe(504);
    expect(((await response.json()) as { code: string }).code).toBe('TIMEOUT');
    expect(took).toBeGreaterThanOrEqual(700);
    expect(took).toBeLessThan(2500);
  });

  it('lets the annual report take its own, longer deadline', async () => {
    const response = await fetch(`${gateway.url}/api/v1/reports/annual/2023-2024?format=md`, {
      headers: adminHeaders,
    });
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('# 2023-2024学年信息公开工作年度报告\n');
  });
});
