import { join } from 'node:path';
import { v7 as uuidv7 } from 'uuid';
import { DepartmentCreatedV1, ErrorCode, healthRpcOf } from '@gongkai/contracts';
import { RemoteCallError, streamName } from '@gongkai/messaging';
import { MessagingLifecycle } from '@gongkai/service-kit';
import { publishTestEvent, startServiceUnderTest, type ServiceUnderTest } from '@gongkai/service-testing';
import { freePort, waitFor } from '@gongkai/testing';
import { AppModule } from '../src/app/app.module';

interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

/** The samples of a Prometheus text exposition. */
function parseMetrics(text: string): Sample[] {
  const samples: Sample[] = [];
  for (const line of text.split('\n')) {
    const match = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!match) continue;
    const labels: Record<string, string> = {};
    for (const [, key, value] of (match[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g))
      labels[key as string] = value as string;
    samples.push({ name: match[1] as string, labels, value: Number(match[3]) });
  }
  return samples;
}

/**
 * The rounds service (a producer of ROUNDS events and a consumer of permissions' department
 * events) shows its state: GET /metrics and /readyz on METRICS_PORT, and the same readiness on its
 * NATS health subject.
 */
describe('rounds service: metrics and readiness', () => {
  let sut: ServiceUnderTest;
  let baseUrl: string;
  const consumer = 'rounds-department-projection';

  const runtime = () => sut.app.get(MessagingLifecycle, { strict: false }).runtime;

  async function scrape(): Promise<Sample[]> {
    const response = await fetch(`${baseUrl}/metrics`);
    expect(response.status).toBe(200);
    return parseMetrics(await response.text());
  }

  async function value(name: string, labels: Record<string, string> = {}): Promise<number | undefined> {
    return (await scrape()).find(
      (sample) =>
        sample.name === name &&
        Object.entries(labels).every(([key, wanted]) => sample.labels[key] === wanted),
    )?.value;
  }

  async function readyz(): Promise<{ status: number; body: { status: string; reasons: string[] } }> {
    const response = await fetch(`${baseUrl}/readyz`);
    return {
      status: response.status,
      body: (await response.json()) as { status: string; reasons: string[] },
    };
  }

  async function ping(): Promise<unknown> {
    return sut.client
      .request(healthRpcOf('rounds'), {}, sut.meta, { timeoutMs: 3000 })
      .catch((error) => error);
  }

  beforeAll(async () => {
    const port = await freePort();
    sut = await startServiceUnderTest({
      service: 'rounds',
      module: (config) => AppModule.register(config),
      prismaDir: join(__dirname, '..', 'prisma'),
      env: { METRICS_PORT: String(port), METRICS_HOST: '127.0.0.1' },
    });
    baseUrl = `http://127.0.0.1:${port}`;
  });

  afterAll(() => sut?.stop());

  it('serves liveness, readiness and Prometheus metrics on METRICS_PORT', async () => {
    expect((await fetch(`${baseUrl}/healthz`)).status).toBe(200);
    expect(await readyz()).toEqual({
      status: 200,
      body: { service: 'rounds', status: 'ready', ready: true, reasons: [], warnings: [] },
    });
    const samples = await scrape();
    const stream = streamName(sut.runId, 'rounds');
    const find = (name: string, labels: Record<string, string> = {}) =>
      samples.find(
        (sample) =>
          sample.name === name &&
          Object.entries(labels).every(([key, wanted]) => sample.labels[key] === wanted),
      );
    expect(find('gongkai_ready', { service: 'rounds' })?.value).toBe(1);
    expect(find('gongkai_outbox_pending_events', { service: 'rounds', stream })?.value).toBe(0);
    expect(find('gongkai_events_published_total', { stream })).toBeDefined();
    expect(find('gongkai_consumer_consuming', { consumer })?.value).toBe(1);
    expect(find('gongkai_database_up')?.value).toBe(1);
    expect(find('process_cpu_user_seconds_total', { service: 'rounds' })).toBeDefined();
    expect((await fetch(`${baseUrl}/nothing`)).status).toBe(404);
  });

  it('counts the events its consumer applies', async () => {
    const labels = { consumer };
    const before = (await value('gongkai_consumer_events_applied_total', labels)) ?? 0;
    await publishTestEvent(
      sut.nc,
      sut.runId,
      DepartmentCreatedV1,
      {
        departmentId: uuidv7(),
        code: `OBS${sut.runId.slice(-4)}`,
        name: '信息公开办公室',
        type: 'office',
        parentId: null,
        status: 'active',
      },
      { versions: 1 },
    );
    await waitFor(async () => (await value('gongkai_consumer_events_applied_total', labels)) === before + 1, {
      what: 'the applied event counted',
    });
    await waitFor(async () => (await value('gongkai_consumer_lag_messages', labels)) === 0, {
      what: 'no lag once applied',
    });
    expect(await value('gongkai_consumer_last_applied_timestamp_seconds', labels)).toBeGreaterThan(0);
  });

  it('is not ready while its consumer is stopped, on HTTP and on its NATS health subject', async () => {
    const [runner] = runtime().consumerRunners;
    if (!runner) throw new Error('rounds has no consumer');
    await runner.stop();
    const reason = `cannot consume: consumer ${consumer} is not consuming (its loop ended)`;
    expect(await readyz()).toMatchObject({ status: 503, body: { status: 'not_ready', reasons: [reason] } });
    const error = await ping();
    expect(error).toBeInstanceOf(RemoteCallError);
    expect((error as RemoteCallError).code).toBe(ErrorCode.UNAVAILABLE);
    expect((error as RemoteCallError).body.details).toMatchObject({ status: 'not_ready', reasons: [reason] });
    expect(await value('gongkai_ready')).toBe(0);

    await runner.start();
    expect((await readyz()).status).toBe(200);
    expect(await ping()).toMatchObject({ service: 'rounds', status: 'ok', database: 'ok' });
  });

  it('is not ready once its events connection to NATS is closed', async () => {
    await runtime().nats.nc.close();
    const { status, body } = await readyz();
    expect(status).toBe(503);
    expect(body.reasons).toContain('NATS is not connected: the events connection is closed');
    expect(await value('gongkai_nats_connected')).toBe(0);
  });
});
