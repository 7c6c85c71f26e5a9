import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { startSystem, type RunningSystem } from '@gongkai/testing';
import { call } from './walking-skeleton.e2e-helpers';

const AUTH_FAILURES_PER_MINUTE = 20;
const FLOOD = 300;
const CONCURRENCY = 16;

/** CPU seconds (user + system) a process has used, from /proc/<pid>/stat (clock ticks of 1/100 s). */
function cpuSecondsOf(pid: number | undefined): number {
  if (!pid) return Number.NaN;
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

/** A random key of the campus format (`gk_<client id>_<secret>`): well formed, belonging to nobody. */
const fakeKey = () => `gk_${randomBytes(16).toString('hex')}_${randomBytes(32).toString('base64url')}`;

async function apiKeyChecksAskedOfPermissions(system: RunningSystem): Promise<number> {
  const metrics = await (await fetch(`${system.baseUrl}/metrics`)).text();
  return Number(/^gateway_auth_cache_misses_total\{cache="api_key"[^}]*\} (\d+)/m.exec(metrics)?.[1] ?? 0);
}

describe('gateway security against the running system (issue 9, part A)', () => {
  let system: RunningSystem;

  beforeAll(async () => {
    system = await startSystem({
      extraEnv: {
        AUTH_FAILURES_PER_MINUTE: String(AUTH_FAILURES_PER_MINUTE),
        RATE_LIMIT_PER_MINUTE: '100000',
      },
    });
  }, 180_000);

  afterAll(async () => {
    await system?.stop();
  });

  it('refuses a flood of random well-formed API keys with 401, then 429, without a key check each', async () => {
    const asked = await apiKeyChecksAskedOfPermissions(system);
    const cpuBefore = cpuSecondsOf(system.pidOf('permissions'));
    const started = Date.now();
    const statuses: number[] = [];
    let next = 0;
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (next < FLOOD) {
          next += 1;
          const response = await fetch(`${system.baseUrl}/api/v1/departments`, {
            headers: { 'x-api-key': fakeKey() },
          });
          statuses.push(response.status);
          if (response.status === 429) expect(Number(response.headers.get('retry-after'))).toBeGreaterThan(0);
          await response.arrayBuffer();
        }
      }),
    );
    const seconds = (Date.now() - started) / 1000;
    const cpuUsed = cpuSecondsOf(system.pidOf('permissions')) - cpuBefore;
    const checks = (await apiKeyChecksAskedOfPermissions(system)) - asked;
    const count = (status: number) => statuses.filter((value) => value === status).length;
    // Figures for the reader, never asserted: timing depends on the machine and its load.
    process.stdout.write(
      `fake-key flood: ${FLOOD} requests, ${CONCURRENCY} at a time, in ${seconds.toFixed(1)} s: ` +
        `${count(401)} × 401, ${count(429)} × 429; ${checks} key checks asked of permissions; ` +
        `permissions used ${cpuUsed.toFixed(2)} s of CPU (/proc/${system.pidOf('permissions')}/stat)\n`,
    );
    expect(statuses).toHaveLength(FLOOD);
    expect(count(401) + count(429)).toBe(FLOOD);
    // Only the failures an address may make reach permissions (plus those already in flight).
    expect(checks).toBeLessThanOrEqual(AUTH_FAILURES_PER_MINUTE + CONCURRENCY);
    expect(count(429)).toBeGreaterThanOrEqual(FLOOD - AUTH_FAILURES_PER_MINUTE - CONCURRENCY);
    // The admin key still works from another client's point of view (its own budget).
    expect((await call(system, 'GET', '/api/v1/departments')).status).toBe(200);
  });

  it('400 for NUL and control characters in text, and nothing is stored', async () => {
    const departments = async () =>
      (await call<{ items: unknown[] }>(system, 'GET', '/api/v1/departments?limit=500')).body.items.length;
    const cases = async () =>
      (await call<{ items: unknown[] }>(system, 'GET', '/api/v1/cases?limit=500')).body.items.length;
    const [departmentsBefore, casesBefore] = [await departments(), await cases()];
    for (const name of ['研究生院\u0000', '后勤\u0007处', '\u001b[2J']) {
      const created = await call<{ code: string; errors: { pointer: string }[] }>(
        system,
        'POST',
        '/api/v1/departments',
        {
          body: { code: `NUL${randomBytes(3).toString('hex')}`, name, type: 'office' },
        },
      );
      expect(created.status).toBe(400);
      expect(created.contentType).toContain('application/problem+json');
      expect(created.body.errors).toEqual([expect.objectContaining({ pointer: '/name' })]);
    }
    const submitted = await call(system, 'POST', '/api/v1/public/cases', {
      asAdmin: false,
      body: {
        kind: 'complaint',
        category: 'canteen',
        title: '食堂\u0000排队',
        content: '午餐高峰排队超过二十分钟。',
        requester: { name: '王五', contact: 'wangwu@example.edu.cn' },
      },
    });
    expect(submitted.status).toBe(400);
    expect([await departments(), await cases()]).toEqual([departmentsBefore, casesBefore]);
  });

  it('400 for a page size over the maximum, and 413 for a body over the limit', async () => {
    const page = await call<{ errors: { pointer: string }[] }>(
      system,
      'GET',
      '/api/v1/catalogue/items?limit=501',
    );
    expect(page.status).toBe(400);
    expect(page.body.errors).toEqual([expect.objectContaining({ in: 'query', pointer: '/limit' })]);
    const large = await call(system, 'POST', '/api/v1/departments', {
      rawBody: JSON.stringify({ code: 'BIG', name: '大'.repeat(400_000), type: 'office' }),
    });
    expect(large.status).toBe(413);
    expect(large.contentType).toContain('application/problem+json');
  });
});
