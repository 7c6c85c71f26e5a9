import type { ServiceName } from '@gongkai/contracts';
import { testDatabaseUrl, waitFor, type RunningSystem } from '@gongkai/testing';
import { eventLatencies, type EventLatency } from './event-latency';
import { callGateway, post } from './gateway-calls';
import { fillCases, growCatalogue, SEED_YEAR } from './hundredfold';
import { runLoad } from './load';
import { measured, type LoadRow } from './load-row';
import { pidsNamed } from './process-cpu';

export interface CommandAndListOptions {
  workspaceRoot: string;
  connections: number;
  commandRate: number;
  /** A rate the machine keeps up with, for the events' latency when nothing queues. */
  pacedCommandRate: number;
  commandSeconds: number;
  listRate: number;
  listSeconds: number;
  /** Times the seed year's volumes the lists are read over. */
  scale: number;
}

export interface CommandRow {
  rate: number;
  row: LoadRow;
  eventLatencies: EventLatency[];
}

export interface CommandAndListResult {
  commandRows: CommandRow[];
  listRows: LoadRow[];
  volumes: { items: number; cases: number; fillMs: number };
}

/** The hotline desk's case, as a campus system sends it (a complaint typed in from a call). */
const HOTLINE_CASE = {
  kind: 'complaint',
  source: 'campus_hotline',
  category: 'canteen',
  title: '二食堂晚餐窗口排队时间过长',
  content: '二食堂晚餐高峰时段只开放三个窗口，学生排队超过二十分钟，希望增加窗口或延长供餐时间。',
  requester: { name: '李同学', contact: '13812345678' },
};

/** A disclosure page of about 4,000 characters, as the 招生章程 or a fee schedule runs. */
const PAGE_BODY = Array.from(
  { length: 40 },
  (_, index) =>
    `第${index + 1}条 学校依据《高等学校信息公开办法》公开本项信息，公开内容包括办学基本情况、规章制度、招生考试、财务资产、人事师资、教学质量、学生管理、学风建设等方面的具体事项。`,
).join('\n');

/** Publishes a version of an item through the API, as the disclosure office does; returns its id. */
async function publishVersion(system: RunningSystem, itemId: string): Promise<string> {
  const base = `/catalogue/items/${itemId}/publications`;
  const key = system.adminKey;
  const draft = await post<{ id: string }>(system.baseUrl, key, base, {
    title: '本年度信息公开内容',
    body: PAGE_BODY,
    channels: ['disclosure_site', 'wechat'],
  });
  await callGateway(system.baseUrl, key, 'POST', `${base}/${draft.id}/submit-for-review`, {});
  await callGateway(system.baseUrl, key, 'POST', `${base}/${draft.id}/secrecy-review`, { reviewer: '李四' });
  await callGateway(system.baseUrl, key, 'POST', `${base}/${draft.id}/publish`, {});
  return draft.id;
}

const shanghaiToday = () =>
  new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());

/** A campus system's API key holding one role (school-wide, or in one department). */
async function campusKey(system: RunningSystem, name: string, role: string, departmentId?: string) {
  const client = await post<{ apiKey: string; client: { id: string } }>(
    system.baseUrl,
    system.adminKey,
    '/api-clients',
    { name },
  );
  await post(system.baseUrl, system.adminKey, '/role-bindings', {
    subjectType: 'client',
    subjectId: client.client.id,
    role,
    ...(departmentId ? { departmentId } : {}),
    reason: '压测',
  });
  return { 'x-api-key': client.apiKey };
}

/**
 * The rest of issue 13's targets, with the same apps: a command (a case from the hotline desk's
 * system: state and outbox in one transaction) at a fixed rate, the latency of its events to every
 * service consuming them, then lists (a page of 50) over `scale` × the seed year's volumes.
 */
export async function measureCommandAndLists(
  system: RunningSystem,
  departmentIds: readonly string[],
  options: CommandAndListOptions,
): Promise<CommandAndListResult> {
  const hotline = await campusKey(system, '校园服务热线（压测）', 'complaint_dispatcher');
  const liaison = await campusKey(system, '部门信息员门户（压测）', 'dept_liaison', departmentIds[0]);
  /** The processes a row's CPU is read from: the gateway, permissions, the services it names, NATS, PostgreSQL. */
  const groupsWith = (...services: ServiceName[]) => ({
    ...Object.fromEntries(
      (['gateway', 'permissions', ...services] as const).map((app) => [app, () => [system.pidOf(app) ?? -1]]),
    ),
    'nats-server': () => pidsNamed('nats-server'),
    postgres: () => pidsNamed('postgres'),
  });
  const load =
    (path: string, headers: Record<string, string>, rate: number, seconds: number, body?: unknown) => () =>
      runLoad(options.workspaceRoot, {
        url: `${system.baseUrl}/api/v1${path}`,
        headers,
        connections: options.connections,
        seconds,
        rate,
        jsonBody: body,
      });

  const consumers = Object.fromEntries(
    (['catalogue', 'rounds', 'permissions', 'reports'] as const).map((service) => [
      service,
      testDatabaseUrl(system.runId, service),
    ]),
  );
  const complaintsDb = testDatabaseUrl(system.runId, 'complaints');
  /** One command row, then its events' latencies once every consumer has applied them (or after 60 s). */
  const commandAt = async (rate: number): Promise<CommandRow> => {
    const from = new Date();
    const row = await measured(
      `POST /cases, hotline key, ${rate} req/s asked`,
      // The reports service applies every case event: its work is the command's too.
      groupsWith('complaints', 'reports'),
      load('/cases', hotline, rate, options.commandSeconds, HOTLINE_CASE),
    );
    const window = { from, to: new Date() };
    let latencies: EventLatency[] = [];
    await waitFor(
      async () => {
        latencies = await eventLatencies(complaintsDb, consumers, window);
        return latencies.length > 0 && latencies.every((entry) => entry.applied === entry.emitted);
      },
      { timeoutMs: 60_000, intervalMs: 1000 },
    ).catch(() => undefined);
    return { rate, row, eventLatencies: latencies };
  };
  // Warm-up (not measured), then a rate the machine keeps up with and the rate.
  await load('/cases', hotline, 50, 3, HOTLINE_CASE)();
  const commandRows = [await commandAt(options.pacedCommandRate), await commandAt(options.commandRate)];

  // The volumes: each catalogue item given a responsibility through the API, then copied.
  const fillStarted = performance.now();
  const items = await callGateway<{ items: { id: string }[] }>(
    system.baseUrl,
    system.adminKey,
    'GET',
    '/catalogue/items?limit=200',
  );
  for (const [index, item] of items.items.entries())
    await callGateway(system.baseUrl, system.adminKey, 'PUT', `/catalogue/items/${item.id}/responsibility`, {
      leadDepartmentId: departmentIds[index % departmentIds.length],
      reason: '按职责分工确定牵头部门',
      effectiveDate: shanghaiToday(),
    });
  const itemCount = await growCatalogue(
    testDatabaseUrl(system.runId, 'catalogue'),
    options.scale,
    await publishVersion(system, items.items[0]?.id ?? ''),
  );
  const template = await post<{ case: { id: string } }>(
    system.baseUrl,
    hotline['x-api-key'],
    '/cases',
    HOTLINE_CASE,
  );
  const caseCount = await fillCases(
    complaintsDb,
    template.case.id,
    departmentIds,
    Math.round(SEED_YEAR.cases * options.scale),
  );
  const fillMs = performance.now() - fillStarted;

  const lists: [string, string, Record<string, string>, ServiceName][] = [
    ['GET /catalogue/items, liaison key', '/catalogue/items?limit=50', liaison, 'catalogue'],
    [
      'GET /catalogue/items?departmentId, liaison key',
      `/catalogue/items?limit=50&departmentId=${departmentIds[0]}`,
      liaison,
      'catalogue',
    ],
    ['GET /cases, hotline key (school-wide)', '/cases?limit=50', hotline, 'complaints'],
    [
      'GET /cases?departmentId, liaison key',
      `/cases?limit=50&departmentId=${departmentIds[0]}`,
      liaison,
      'complaints',
    ],
  ];
  const listRows: LoadRow[] = [];
  for (const [name, path, headers, service] of lists) {
    await load(path, headers, Math.max(options.listRate, 50), 3)();
    listRows.push(
      await measured(
        `${name}, ${options.listRate} req/s asked`,
        groupsWith(service),
        load(path, headers, options.listRate, options.listSeconds),
      ),
    );
  }
  return {
    commandRows,
    listRows,
    volumes: { items: itemCount, cases: caseCount, fillMs },
  };
}
