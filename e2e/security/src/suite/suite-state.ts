import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { startSystem, type RunningSystem } from '@gongkai/testing';
import { JWT_ISSUER, JWT_SECRET, setUpCampus, type CampusFixture } from './campus';
import { SuiteHttp } from './http';
import { operationsOf, type ApiDocument, type Operation } from './openapi';
import { readRolesTable, type RolesTable } from './roles-table';

/** The limits the system runs with in the suite (the limits cases send just over them). */
export const SUITE_LIMITS = {
  ratePerMinute: 2500,
  authFailuresPerMinute: 20,
  bodyBytes: 1_048_576,
  pageSize: 500,
} as const;

export function workspaceRoot(): string {
  let dir = __dirname;
  while (!existsSync(join(dir, 'nx.json'))) {
    const parent = join(dir, '..');
    if (parent === dir) throw new Error('Cannot find the workspace root (nx.json)');
    dir = parent;
  }
  return dir;
}

/** What every category works with: the running system, its campus, the document and the figures. */
export interface SuiteContext {
  system: RunningSystem;
  campus: CampusFixture;
  http: SuiteHttp;
  document: ApiDocument;
  operations: Operation[];
  roles: RolesTable;
  /** Cases per kind, printed at the end. */
  counts: Map<string, number>;
  count(kind: string, cases: number): void;
}

/**
 * Starts the built system once for every category (six apps take a minute or two to boot on a
 * shared machine) with every persona "behind the campus proxy" (its own X-Forwarded-For address),
 * sets up the campus, and reads the OpenAPI document as the gateway serves it.
 */
export async function startSuite(): Promise<SuiteContext> {
  const system = await startSystem({
    extraEnv: {
      JWT_SECRET,
      JWT_ISSUER,
      TRUSTED_PROXIES: '127.0.0.1',
      RATE_LIMIT_PER_MINUTE: String(SUITE_LIMITS.ratePerMinute),
      AUTH_FAILURES_PER_MINUTE: String(SUITE_LIMITS.authFailuresPerMinute),
    },
  });
  try {
    const http = new SuiteHttp(system.baseUrl, system.runId);
    const roles = readRolesTable(workspaceRoot());
    const campus = await setUpCampus(
      http,
      { baseUrl: system.baseUrl, adminKey: system.adminKey, natsPrefix: system.runId, runId: system.runId },
      { all: roles.roles, departmentScoped: roles.departmentScoped },
    );
    const answer = await http.send<ApiDocument>({ method: 'GET', path: '/api/docs-json' });
    if (answer.status !== 200) throw new Error(`GET /api/docs-json answered ${answer.status}`);
    const counts = new Map<string, number>();
    return {
      system,
      campus,
      http,
      document: answer.body,
      operations: operationsOf(answer.body),
      roles,
      counts,
      count: (kind, cases) => counts.set(kind, (counts.get(kind) ?? 0) + cases),
    };
  } catch (error) {
    await system.stop();
    throw error;
  }
}

/** The suite's counts and findings, as the closing table. */
export function summary(suite: SuiteContext): string {
  const rows: [string, number][] = [
    ['operations in the OpenAPI document', suite.operations.length],
    ['roles in the roles table', suite.roles.roles.length],
    ...suite.counts,
    ['requests sent', suite.http.requests],
    ['findings', suite.http.findings.length],
  ];
  const width = Math.max(...rows.map(([name]) => name.length));
  return (
    `security suite (npm run test:security)\n${rows.map(([name, count]) => `| ${name.padEnd(width)} | ${String(count).padStart(6)} |`).join('\n')}\n` +
    (suite.http.findings.length
      ? `findings:\n${suite.http.findings.map((finding) => `  - ${finding}`).join('\n')}\n`
      : '')
  );
}
