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
  commandSeconds: number;
  listRate: number;
  listSeconds: number;
  /** Times the seed year's volumes the lists are read over. */
  scale: number;
}

export interface CommandAndListResult {
  commandRow: LoadRow;
  eventLatencies: EventLatency[];
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
  const groupsWith = (service: ServiceName) => ({
    gateway: () => [system.pidOf('gateway') ?? -1],
    [service]: () => [system.pidOf(service) ?? -1],
    ...(service === 'permissions' ? {} : { permissions: () => [system.pidOf('permissions') ?? -1] }),
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

  // The command. Warm-up first (not measured), then the row; its events are read afterwards.
  await load('/cases', hotline, 50, 3, HOTLINE_CASE)();
  const commandsFrom = new Date(Date.now() - 1000);
  const commandRow = await measured(
    `POST /cases, hotline key, ${options.commandRate} req/s asked`,
    groupsWith('complaints'),
    load('/cases', hotline, options.commandRate, options.commandSeconds, HOTLINE_CASE),
  );
  const consumers = Object.fromEntries(
    (['catalogue', 'rounds', 'permissions', 'reports'] as const).map((service) => [
      service,
      testDatabaseUrl(system.runId, service),
    ]),
  );
  const complaintsDb = testDatabaseUrl(system.runId, 'complaints');
  let latencies: EventLatency[] = [];
  // Read once every consumer has applied every event (or after 60 s, with what it has).
  await waitFor(
    async () => {
      latencies = await eventLatencies(complaintsDb, consumers, commandsFrom);
      return latencies.length > 0 && latencies.every((row) => row.applied === row.emitted);
    },
    { timeoutMs: 60_000, intervalMs: 1000 },
  ).catch(() => undefined);

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
  const itemCount = await growCatalogue(testDatabaseUrl(system.runId, 'catalogue'), options.scale);
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
    await load(path, headers, options.listRate, 2)();
    listRows.push(
      await measured(
        `${name}, ${options.listRate} req/s asked`,
        groupsWith(service),
        load(path, headers, options.listRate, options.listSeconds),
      ),
    );
  }
  return {
    commandRow,
    eventLatencies: latencies,
    listRows,
    volumes: { items: itemCount, cases: caseCount, fillMs },
  };
}
