import { DATA_SERVICES } from '@gongkai/contracts';
import { newPrefix, StandIns, startGateway, type StartedGateway } from './support/gateway-harness';

describe('gateway health, readiness and metrics', () => {
  let gateway: StartedGateway;
  let standIns: StandIns;

  beforeAll(async () => {
    gateway = await startGateway({ NATS_PREFIX: newPrefix() });
    standIns = await StandIns.connect(gateway.prefix);
  });

  afterAll(async () => {
    await standIns?.close();
    await gateway?.close();
  });

  afterEach(() => standIns.stopAnswering());

  it('answers /healthz without credentials while the process runs', async () => {
    const response = await fetch(`${gateway.url}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok' });
  });

  it('answers /readyz 503 problem+json naming every service that did not answer', async () => {
    const started = Date.now();
    const response = await fetch(`${gateway.url}/readyz`);
    expect(Date.now() - started).toBeLessThan(3000);
    expect(response.status).toBe(503);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
    const problem = (await response.json()) as {
      code: string;
      detail: string;
      checks: { nats: string; services: { service: string; status: string; code: string }[] };
    };
    expect(problem.code).toBe('UNAVAILABLE');
    expect(problem.checks.nats).toBe('ok');
    expect(problem.checks.services.map((check) => check.service).sort()).toEqual([...DATA_SERVICES].sort());
    expect(problem.checks.services.every((check) => check.status === 'unavailable')).toBe(true);
    expect(problem.detail).toContain('permissions');
  });

  it('answers /readyz 503 when only some services answer, naming the missing one', async () => {
    await standIns.answerHealth(DATA_SERVICES.filter((service) => service !== 'permissions'));
    const response = await fetch(`${gateway.url}/readyz`);
    expect(response.status).toBe(503);
    const problem = (await response.json()) as {
      detail: string;
      checks: { services: { service: string; status: string }[] };
    };
    expect(
      problem.checks.services.filter((check) => check.status !== 'ok').map((check) => check.service),
    ).toEqual(['permissions']);
    expect(problem.detail).toContain('permissions did not answer');
  });

  it('answers /readyz 200 once NATS is connected and every service answers', async () => {
    await standIns.answerHealth();
    const response = await fetch(`${gateway.url}/readyz`);
    expect(response.status).toBe(200);
    const body = (await response.json()) as { ready: boolean; nats: string; services: { status: string }[] };
    expect(body.ready).toBe(true);
    expect(body.nats).toBe('ok');
    expect(body.services).toHaveLength(DATA_SERVICES.length);
  });

  it('exposes Prometheus metrics with default metrics and the HTTP histogram by route template', async () => {
    await fetch(`${gateway.url}/healthz`);
    await fetch(`${gateway.url}/api/v1/departments?limit=5`);
    const response = await fetch(`${gateway.url}/metrics`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/plain');
    const text = await response.text();
    expect(text).toContain('process_cpu_user_seconds_total');
    expect(text).toMatch(
      /http_request_duration_seconds_count\{.*method="GET".*route="\/healthz".*status_code="200"/,
    );
    expect(text).toMatch(
      /http_request_duration_seconds_count\{.*route="\/api\/v1\/departments".*status_code="401"/,
    );
    expect(text).not.toContain('limit=5');
  });
});
