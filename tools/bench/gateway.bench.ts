import { existsSync, statSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import {
  DEPARTMENT_PROJECTING_SERVICES,
  SERVICE_NAMES,
  projectedDepartmentsRpcOf,
  type Department,
  type DepartmentProjectingService,
  type RequestMeta,
} from '@gongkai/contracts';
import { ServiceClient, connectNats } from '@gongkai/messaging';
import { sleep, startSystem, TEST_NATS_URL } from '@gongkai/testing';
import { onCleanup, runCleanups } from './cleanup';
import type { BenchReport } from './report';
import { perSecond, round, summarize, type LatencySummary } from './stats';

export interface GatewayBenchOptions {
  /** Most requests per phase. */
  requests: number;
  /** Most wall time per phase, in milliseconds. */
  phaseMs: number;
  /** Requests in flight in the concurrent phases. */
  concurrency: number;
  /** POSTs whose arrival in the catalogue projection is timed. */
  projectionSamples: number;
}

const workspaceRoot = resolve(__dirname, '..', '..');
const DEPARTMENTS = '/api/v1/departments';
/** How long one department may take to reach the projection before the sample counts as lost. */
const PROJECTION_TIMEOUT_MS = 10_000;

interface HttpResponse {
  status: number;
  text: string;
}

interface Phase {
  name: string;
  concurrency: number;
  expectStatus: number;
  send(index: number): Promise<HttpResponse>;
}

interface PhaseResult {
  name: string;
  concurrency: number;
  requests: number;
  errors: number;
  firstError: string | null;
  perSec: number;
  latency: LatencySummary;
}

/** Keep-alive HTTP/1.1 to the gateway with node:http: less client CPU than fetch on a 2-core box. */
function gatewayClient(baseUrl: string, apiKey: string, maxSockets: number) {
  const agent = new Agent({ keepAlive: true, maxSockets });
  const { hostname, port } = new URL(baseUrl);
  const call = (method: string, path: string, body?: unknown) =>
    new Promise<HttpResponse>((done, fail) => {
      const payload = body === undefined ? undefined : JSON.stringify(body);
      const headers: Record<string, string | number> = { 'x-api-key': apiKey };
      if (payload !== undefined) {
        headers['content-type'] = 'application/json';
        headers['content-length'] = Buffer.byteLength(payload);
      }
      const outgoing = request(
        { agent, hostname, port, method, path, headers, timeout: 10_000 },
        (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('end', () =>
            done({ status: response.statusCode ?? 0, text: Buffer.concat(chunks).toString() }),
          );
          response.on('error', fail);
        },
      );
      outgoing.on('timeout', () => outgoing.destroy(new Error(`${method} ${path} took more than 10 s`)));
      outgoing.on('error', fail);
      outgoing.end(payload);
    });
  return { call, close: () => agent.destroy() };
}

/** Sends until `requests` are done or `phaseMs` has passed, with `concurrency` requests in flight. */
async function runPhase(phase: Phase, limits: { requests: number; phaseMs: number }): Promise<PhaseResult> {
  const latencies: number[] = [];
  let started = 0;
  let errors = 0;
  let firstError: string | null = null;
  const start = performance.now();
  const deadline = start + limits.phaseMs;
  const worker = async () => {
    while (started < limits.requests && performance.now() < deadline) {
      const index = started++;
      const sentAt = performance.now();
      let problem: string | null = null;
      try {
        const response = await phase.send(index);
        if (response.status !== phase.expectStatus)
          problem = `HTTP ${response.status}: ${response.text.slice(0, 200)}`;
      } catch (error) {
        problem = error instanceof Error ? error.message : String(error);
      }
      latencies.push(performance.now() - sentAt);
      if (problem) {
        errors += 1;
        firstError ??= problem;
      }
    }
  };
  await Promise.all(Array.from({ length: phase.concurrency }, worker));
  return {
    name: phase.name,
    concurrency: phase.concurrency,
    requests: latencies.length,
    errors,
    firstError,
    perSec: perSecond(latencies.length, performance.now() - start),
    latency: summarize(latencies),
  };
}

/**
 * Polls a service's department projection for one department. Ids are UUIDv7, so a cursor made of
 * the id's timestamp and zeroes lists only departments created in that millisecond or later.
 */
async function projectedAt(
  client: ServiceClient,
  meta: RequestMeta,
  target: { service: DepartmentProjectingService; id: string; timeoutMs: number },
): Promise<number | null> {
  const cursor = `${target.id.slice(0, 13)}-7000-8000-000000000000`;
  const deadline = performance.now() + target.timeoutMs;
  while (performance.now() < deadline) {
    const page = await client.request(projectedDepartmentsRpcOf(target.service), { limit: 20, cursor }, meta);
    if (page.items.some((department) => department.id === target.id)) return performance.now();
    await sleep(1);
  }
  return null;
}

export async function runGatewayBench(options: GatewayBenchOptions): Promise<BenchReport> {
  const mains = SERVICE_NAMES.map((app) => join(workspaceRoot, 'dist', 'apps', app, 'main.js'));
  const missing = mains.filter((main) => !existsSync(main));
  if (missing.length > 0) {
    return {
      bench: 'gateway',
      ok: true,
      skipped: `${missing.map((main) => main.slice(workspaceRoot.length + 1)).join(', ')} missing: build the apps first with \`npx nx run-many -t build\``,
      tables: [],
      notes: [],
      data: {},
    };
  }
  const builtAt = new Date(Math.min(...mains.map((main) => statSync(main).mtimeMs))).toISOString();

  try {
    // The default limit (600/min per key) would turn the bench into a 429 test.
    const system = await startSystem({ extraEnv: { RATE_LIMIT_PER_MINUTE: '10000000' } });
    onCleanup('stop the apps and drop their databases and streams', () => system.stop());
    const http = gatewayClient(system.baseUrl, system.adminKey, options.concurrency);
    onCleanup('close the HTTP connections', async () => http.close());
    const nc = await connectNats({ servers: TEST_NATS_URL, name: `${system.runId}-bench` });
    onCleanup('close the bench NATS connection', () => nc.close());
    const catalogue = new ServiceClient(nc, { prefix: system.runId, defaultTimeoutMs: 5000 });
    const meta: RequestMeta = {
      actor: { kind: 'system', id: 'bench' },
      correlationId: `bench-${system.runId}`,
    };

    const create = (code: string) => () =>
      http.call('POST', DEPARTMENTS, { code, name: `Bench ${code}`, type: 'office' });
    const list = () => http.call('GET', DEPARTMENTS);
    // Warm-up, not measured: JIT, connection pools, the authorisation cache; leaves a full first page (50) to list.
    await runPhase(
      { name: 'warm-up POST', concurrency: 1, expectStatus: 201, send: (i) => create(`WARM-${i}`)() },
      { requests: 50, phaseMs: 30_000 },
    );
    await runPhase(
      { name: 'warm-up GET', concurrency: 1, expectStatus: 200, send: list },
      { requests: 100, phaseMs: 30_000 },
    );

    const phases: Phase[] = [
      { name: `GET ${DEPARTMENTS}`, concurrency: 1, expectStatus: 200, send: list },
      { name: `GET ${DEPARTMENTS}`, concurrency: options.concurrency, expectStatus: 200, send: list },
      { name: `POST ${DEPARTMENTS}`, concurrency: 1, expectStatus: 201, send: (i) => create(`SEQ-${i}`)() },
      {
        name: `POST ${DEPARTMENTS}`,
        concurrency: options.concurrency,
        expectStatus: 201,
        send: (i) => create(`CON-${i}`)(),
      },
    ];
    const results: PhaseResult[] = [];
    for (const phase of phases) results.push(await runPhase(phase, options));

    const createdId = async (code: string) => {
      const created = await create(code)();
      if (created.status !== 201) throw new Error(`POST ${code} answered ${created.status}: ${created.text}`);
      return { id: (JSON.parse(created.text) as Department).id, answeredAt: performance.now() };
    };

    // The POST phases leave every projection a backlog of events; let them drain first (events are
    // applied in order, so a new department seen everywhere means the backlog is gone) and time it.
    const marker = await createdId('CATCH-UP');
    let caughtUpAt = marker.answeredAt;
    for (const service of DEPARTMENT_PROJECTING_SERVICES) {
      const seenAt = await projectedAt(catalogue, meta, {
        service,
        id: marker.id,
        timeoutMs: options.phaseMs * 4,
      });
      if (seenAt === null)
        throw new Error(`The ${service} projection did not catch up within ${options.phaseMs * 4} ms`);
      caughtUpAt = Math.max(caughtUpAt, seenAt);
    }
    const catchUpMs = caughtUpAt - marker.answeredAt;

    // One write at a time on a settled system: the lag of a single write, not of a queue.
    const lags: number[] = [];
    let lost = 0;
    const lagDeadline = performance.now() + options.phaseMs;
    for (let i = 0; i < options.projectionSamples && performance.now() < lagDeadline; i += 1) {
      const { id, answeredAt } = await createdId(`LAG-${i}`);
      const seenAt = await projectedAt(catalogue, meta, {
        service: 'catalogue',
        id,
        timeoutMs: PROJECTION_TIMEOUT_MS,
      });
      if (seenAt === null) lost += 1;
      else lags.push(seenAt - answeredAt);
    }
    return toReport({
      options,
      results,
      lag: summarize(lags),
      lost,
      catchUpMs,
      builtAt,
      runId: system.runId,
    });
  } finally {
    await runCleanups();
  }
}

function toReport(run: {
  options: GatewayBenchOptions;
  results: PhaseResult[];
  lag: LatencySummary;
  lost: number;
  catchUpMs: number;
  builtAt: string;
  runId: string;
}): BenchReport {
  const { options, results, lag, lost } = run;
  const errors = results
    .map((result) => result.firstError)
    .filter((error): error is string => error !== null);
  return {
    bench: 'gateway',
    ok: errors.length === 0 && lost === 0,
    tables: [
      {
        title: `gateway round trip through 127.0.0.1 with the admin key (latency in ms; at most ${options.requests} requests or ${options.phaseMs / 1000} s per row)`,
        columns: ['request', 'in flight', 'requests', 'errors', 'req/s', 'p50', 'p90', 'p99', 'max'],
        rows: results.map((result) => [
          result.name,
          result.concurrency,
          result.requests,
          result.errors,
          Math.round(result.perSec),
          round(result.latency.p50),
          round(result.latency.p90),
          round(result.latency.p99),
          round(result.latency.max),
        ]),
      },
      {
        title: 'POST /api/v1/departments answered 201 → department listed by catalogue.departments.list (ms)',
        columns: ['samples', 'p50', 'p90', 'p99', 'max', 'not seen in 10 s'],
        rows: [[lag.count, round(lag.p50), round(lag.p90), round(lag.p99), round(lag.max), lost]],
      },
    ],
    notes: [
      `apps from dist/apps (oldest main.js built ${run.builtAt}); rebuild with \`npx nx run-many -t build\` to measure the current source.`,
      'GET lists the first page (50 departments); POSTs create departments with unique codes.',
      `after the POST rows, catalogue, rounds and complaints caught up with their backlog in ${Math.round(run.catchUpMs)} ms; the lag row was measured after that.`,
      'Projection lag is polled over NATS every ~1 ms plus one request round trip: that is its resolution.',
      "RATE_LIMIT_PER_MINUTE is raised for the run; everything else is startSystem()'s environment (OUTBOX_POLL_MS=100).",
      ...errors.map((error) => `first error: ${error}`),
    ],
    data: {
      runId: run.runId,
      builtAt: run.builtAt,
      options,
      phases: results,
      projectionLag: { ...lag, lost },
    },
  };
}
