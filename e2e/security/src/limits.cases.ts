import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { adminPersona } from './suite/campus';
import { buildRequest } from './suite/requests';
import { changedSince, quietSnapshot } from './suite/snapshot';
import { SUITE_LIMITS, type SuiteContext } from './suite/suite-state';

/**
 * Limits (OWASP API4:2023): a body over the limit → 413 on every operation that takes one; a page
 * over the maximum → 400 on every list; the rate limit → 429 with Retry-After; a flood of random
 * well-formed API keys refused cheaply (the permissions service's CPU printed, not asserted).
 */

/** CPU seconds (user + system) a process has used, from /proc/<pid>/stat (clock ticks of 1/100 s). */
function cpuSecondsOf(pid: number | undefined): number {
  if (!pid) return Number.NaN;
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

/** Sends `count` requests, `concurrency` at a time; returns each answer's status and Retry-After. */
async function flood(
  count: number,
  concurrency: number,
  send: () => Promise<Response>,
): Promise<{ status: number; retryAfter: string | null }[]> {
  const answers: { status: number; retryAfter: string | null }[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < count) {
        next += 1;
        const response = await send();
        answers.push({ status: response.status, retryAfter: response.headers.get('retry-after') });
        await response.arrayBuffer();
      }
    }),
  );
  return answers;
}

export function limitsCases(context: () => SuiteContext): void {
  describe('limits (OWASP API4)', () => {
    let suite: SuiteContext;
    let findingsBefore = 0;
    const newFindings = () => suite.http.findings.slice(findingsBefore);
    const counts = { body: 0, page: 0, floods: 0 };

    beforeAll(() => {
      suite = context();
      findingsBefore = suite.http.findings.length;
    });

    afterAll(() => {
      if (!suite) return;
      suite.count('body-limit cases (413)', counts.body);
      suite.count('page-size cases (400)', counts.page);
      suite.count('rate-limit and key-flood requests', counts.floods);
    });

    it('answers 413 to a body over the limit on every operation that takes one, and nothing changes', async () => {
      const { campus, http } = suite;
      const admin = adminPersona(campus);
      const quiet = await quietSnapshot(campus.runId);
      const failures: string[] = [];
      const oversized = JSON.stringify({ title: '大'.repeat(Math.ceil(SUITE_LIMITS.bodyBytes / 3) + 10) });
      for (const operation of suite.operations.filter((candidate) => candidate.body)) {
        counts.body += 1;
        const request = buildRequest(operation, campus, campus.departments.A);
        const answer = await http.send({
          method: request.method,
          path: request.path,
          rawBody: oversized,
          as: admin,
          operation,
        });
        if (answer.status !== 413)
          failures.push(`${operation.id}: ${answer.status} to a ${oversized.length}-character body`);
      }
      expect({ failures, changed: await changedSince(campus.runId, quiet) }).toEqual({
        failures: [],
        changed: [],
      });
    });

    it('answers 400 to a page over the maximum on every list', async () => {
      const { campus, http } = suite;
      const admin = adminPersona(campus);
      const failures: string[] = [];
      for (const operation of suite.operations.filter((candidate) =>
        candidate.queryParams.some((parameter) => parameter.name === 'limit'),
      )) {
        counts.page += 1;
        const request = buildRequest(operation, campus, campus.departments.A, {
          query: { limit: String(SUITE_LIMITS.pageSize + 1) },
        });
        const answer = await http.send<{ errors?: { pointer?: string }[] }>({
          ...request,
          as: admin,
          operation,
        });
        if (answer.status !== 400 || !(answer.body.errors ?? []).some((error) => error.pointer === '/limit'))
          failures.push(`${operation.id}?limit=${SUITE_LIMITS.pageSize + 1}: ${answer.status}`);
      }
      expect(failures).toEqual([]);
    });

    it('answers 429 with Retry-After past the rate limit', async () => {
      const address = `10.99.${randomBytes(1)[0]}.${randomBytes(1)[0]}`;
      const answers = await flood(SUITE_LIMITS.ratePerMinute + 50, 16, () =>
        fetch(`${suite.campus.baseUrl}/api/v1/roles`, { headers: { 'x-forwarded-for': address } }),
      );
      counts.floods += answers.length;
      suite.http.requests += answers.length;
      const limited = answers.filter((answer) => answer.status === 429);
      process.stdout.write(
        `rate limit: ${answers.length} requests from one address: ${answers.filter((answer) => answer.status === 401).length} × 401, ${limited.length} × 429\n`,
      );
      expect(limited.length).toBeGreaterThanOrEqual(50);
      expect(limited.every((answer) => Number(answer.retryAfter) > 0)).toBe(true);
      expect(answers.filter((answer) => answer.status !== 401 && answer.status !== 429)).toEqual([]);
    });

    it('refuses a flood of random well-formed API keys cheaply (CPU of permissions printed)', async () => {
      const FLOOD = 300;
      const CONCURRENCY = 16;
      const address = `10.98.${randomBytes(1)[0]}.${randomBytes(1)[0]}`;
      const fakeKey = () => `gk_${randomBytes(16).toString('hex')}_${randomBytes(32).toString('base64url')}`;
      const cpuBefore = cpuSecondsOf(suite.system.pidOf('permissions'));
      const started = Date.now();
      const answers = await flood(FLOOD, CONCURRENCY, () =>
        fetch(`${suite.campus.baseUrl}/api/v1/departments`, {
          headers: { 'x-api-key': fakeKey(), 'x-forwarded-for': address },
        }),
      );
      counts.floods += answers.length;
      suite.http.requests += answers.length;
      const cpu = cpuSecondsOf(suite.system.pidOf('permissions')) - cpuBefore;
      const count = (status: number) => answers.filter((answer) => answer.status === status).length;
      // Figures for the reader, never asserted: they depend on the machine and its load.
      process.stdout.write(
        `random-key flood: ${FLOOD} requests, ${CONCURRENCY} at a time, in ${((Date.now() - started) / 1000).toFixed(1)} s: ` +
          `${count(401)} × 401, ${count(429)} × 429; the permissions service used ${cpu.toFixed(2)} s of CPU\n`,
      );
      expect(count(401) + count(429)).toBe(FLOOD);
      expect(count(429)).toBeGreaterThanOrEqual(FLOOD - SUITE_LIMITS.authFailuresPerMinute - CONCURRENCY);
      expect(
        answers.filter((answer) => answer.status === 429).every((answer) => Number(answer.retryAfter) > 0),
      ).toBe(true);
    });

    it('keeps every answer free of stack traces and internal subjects', () => {
      expect(newFindings()).toEqual([]);
    });
  });
}
