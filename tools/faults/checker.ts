import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import { Client } from 'pg';
import { DATA_SERVICES, PRODUCING_SERVICES, type DataServiceName } from '@gongkai/contracts';
import { streamName } from '@gongkai/messaging';
import { waitFor } from '@gongkai/testing';
import type { CommandResult } from './gateway-client';
import { STEPS, isRefusalStep, type Ledger, type Unit } from './driver';

export interface Verdict {
  effectsChecked: number;
  lost: string[];
  doubled: string[];
  /** A refused command that left something behind. */
  halfApplied: string[];
  /** Events parked as dead letters that nobody meant to poison. */
  unexpectedDeadLetters: string[];
  /** Happy-path commands the system refused (it said no to what it should have done). */
  refusedHappyPath: string[];
  /** Units whose wait for another service's effect ran out (LEARN_MS). */
  stalled: string[];
  eventsInStreams: number;
  inboxRowsChecked: number;
}

export type DatabaseUrlOf = (service: DataServiceName) => string;

async function withDb<T>(url: string, work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

async function count(client: Client, sql: string, params: unknown[]): Promise<number> {
  const rows = (await client.query<{ n: string }>(sql, params)).rows;
  return Number(rows[0]?.n ?? 0);
}

const applied = (result: CommandResult | undefined) =>
  result?.outcome === 'accepted' || result?.outcome === 'reply-lost';
/** The driver gave up on it: applied once or not at all are both right (never twice, never half). */
const unresolved = (result: CommandResult | undefined) => result?.outcome === 'unresolved';

/** `a.*.c` / `a.>` subject filters as NATS matches them. */
export function subjectMatches(filter: string, subject: string): boolean {
  const wanted = filter.split('.');
  const got = subject.split('.');
  for (let index = 0; index < wanted.length; index++) {
    if (wanted[index] === '>') return got.length > index;
    if (index >= got.length) return false;
    if (wanted[index] !== '*' && wanted[index] !== got[index]) return false;
  }
  return wanted.length === got.length;
}

interface StreamEvent {
  id: string;
  subject: string;
  type: string;
}

async function readStream(nc: NatsConnection, stream: string): Promise<StreamEvent[]> {
  const jsm = await jetstreamManager(nc);
  const total = (await jsm.streams.info(stream)).state.messages;
  const events: StreamEvent[] = [];
  if (total === 0) return events;
  const consumer = await jetstream(nc).consumers.get(stream);
  while (events.length < total) {
    const batch = await consumer.fetch({ max_messages: 500, expires: 5000 });
    let got = 0;
    for await (const message of batch) {
      got += 1;
      const envelope = message.json<{ id: string; type: string }>();
      events.push({ id: envelope.id, subject: message.subject, type: envelope.type });
    }
    if (got === 0) throw new Error(`${stream}: read ${events.length} of ${total} messages, then nothing`);
  }
  return events;
}

/**
 * Waits until the system is quiet: every outbox published, every durable consumer caught up
 * (nothing pending, nothing awaiting an ack), no event held back waiting for its turn.
 */
export async function waitForQuiet(options: {
  nc: NatsConnection;
  prefix: string;
  databaseUrlOf: DatabaseUrlOf;
  timeoutMs: number;
}): Promise<void> {
  const jsm = await jetstreamManager(options.nc);
  let state = '';
  try {
    await waitFor(
      async () => {
        const busy: string[] = [];
        for (const service of DATA_SERVICES) {
          await withDb(options.databaseUrlOf(service), async (client) => {
            const unsent = await count(
              client,
              'SELECT count(*) AS n FROM outbox WHERE published_at IS NULL',
              [],
            );
            const held = await count(client, 'SELECT count(*) AS n FROM held_event', []);
            if (unsent > 0) busy.push(`${service}: ${unsent} unsent`);
            if (held > 0) busy.push(`${service}: ${held} held`);
          });
        }
        for (const source of PRODUCING_SERVICES) {
          for await (const info of jsm.consumers.list(streamName(options.prefix, source))) {
            if (info.num_pending > 0 || info.num_ack_pending > 0)
              busy.push(`${info.name}: ${info.num_pending} pending, ${info.num_ack_pending} unacked`);
          }
        }
        state = busy.join('; ');
        return busy.length === 0;
      },
      { timeoutMs: options.timeoutMs, intervalMs: 1000, what: 'the system to settle' },
    );
  } catch {
    throw new Error(`The system did not settle within ${options.timeoutMs / 1000} s: ${state}`);
  }
}

/**
 * The exactly-once checker. After the run has settled it compares what the driver saw
 * acknowledged with what every service and consumer holds:
 * - each accepted command's effect is present exactly once (looked up by the business key the
 *   driver chose, in the owning service's own tables); a refused command left nothing;
 * - every outbox row was published, and each event id is in its stream exactly once;
 * - every durable consumer has each event of its filter in its inbox once (or parked as a dead
 *   letter that was meant to be), and its projection holds each accepted department.
 */
export async function check(options: {
  ledger: Ledger;
  nc: NatsConnection;
  prefix: string;
  databaseUrlOf: DatabaseUrlOf;
  /** Dead letters the run poisoned on purpose (event ids), not counted as unexpected. */
  expectedDeadLetters: ReadonlySet<string>;
}): Promise<Verdict> {
  const verdict: Verdict = {
    effectsChecked: 0,
    lost: [],
    doubled: [],
    halfApplied: [],
    unexpectedDeadLetters: [],
    refusedHappyPath: [],
    stalled: [],
    eventsInStreams: 0,
    inboxRowsChecked: 0,
  };
  const expectOnce = (found: number, what: string) => {
    verdict.effectsChecked += 1;
    if (found === 0) verdict.lost.push(what);
    if (found > 1) verdict.doubled.push(`${what} (${found} times)`);
  };
  const expectNone = (found: number, what: string) => {
    verdict.effectsChecked += 1;
    if (found > 0) verdict.halfApplied.push(`${what} (${found} rows)`);
  };

  const holds = (ok: boolean, what: string) => expectOnce(ok ? 1 : 0, what);
  const atMostOnce = (found: number, what: string) => {
    verdict.effectsChecked += 1;
    if (found > 1) verdict.doubled.push(`${what} (${found} times)`);
  };
  await checkCommands(
    options.ledger.units,
    options.databaseUrlOf,
    { once: expectOnce, none: expectNone, holds, atMostOnce },
    verdict,
  );
  await checkEvents(options, verdict, expectOnce);
  return verdict;
}

/** What the checker records against, one call per effect. */
interface Expect {
  once: (found: number, what: string) => void;
  none: (found: number, what: string) => void;
  /** A state that must hold (an id, a status): false counts as lost. */
  holds: (ok: boolean, what: string) => void;
  /** An unresolved command's effect: once or not at all. */
  atMostOnce: (found: number, what: string) => void;
}

/** The effect of a command as its outcome says it must be: once, none, or (unresolved) at most once. */
function expectAsCommanded(
  expect: Expect,
  result: CommandResult | undefined,
  found: number,
  what: string,
): void {
  if (applied(result)) expect.once(found, what);
  else if (unresolved(result)) expect.atMostOnce(found, `${what} (unresolved command)`);
  else expect.none(found, `${what} (not applied)`);
}

/**
 * The state a chain of steps must have reached: the state after the last applied step, or, when the
 * step after it was unresolved, also the state that step leads to.
 */
function statesAfter<S extends string>(
  chain: readonly (readonly [CommandResult | undefined, S])[],
  initial: S,
): S[] {
  let reached: S = initial;
  let index = 0;
  for (; index < chain.length; index++) {
    const [result, state] = chain[index] as readonly [CommandResult | undefined, S];
    if (!applied(result)) break;
    reached = state;
  }
  const next = chain[index];
  return next && unresolved(next[0]) ? [reached, next[1]] : [reached];
}

type Databases = Record<DataServiceName, Client>;

async function rowsOf<T extends object>(client: Client, sql: string, params: unknown[]): Promise<T[]> {
  return (await client.query<T>(sql, params)).rows;
}

async function checkCommands(
  units: readonly Unit[],
  databaseUrlOf: DatabaseUrlOf,
  expect: Expect,
  verdict: Verdict,
): Promise<void> {
  const db = Object.fromEntries(
    DATA_SERVICES.map((service) => [service, new Client({ connectionString: databaseUrlOf(service) })]),
  ) as Databases;
  await Promise.all(Object.values(db).map((client) => client.connect()));
  try {
    for (const unit of units) {
      for (const step of STEPS) {
        const result = unit.steps[step];
        if (!result) continue;
        if (isRefusalStep(step) && applied(result))
          verdict.halfApplied.push(
            `unit ${unit.n}: ${step} was accepted (${result.status}), must be refused`,
          );
        if (!isRefusalStep(step) && result.outcome === 'rejected')
          verdict.refusedHappyPath.push(
            `unit ${unit.n}: ${step} refused ${result.status} ${JSON.stringify(result.body).slice(0, 300)}`,
          );
      }
      if (unit.stoppedAt?.startsWith('waited')) verdict.stalled.push(`unit ${unit.n}: ${unit.stoppedAt}`);
      await checkPermissions(unit, db, expect);
      await checkComplaints(unit, db, expect);
      await checkCatalogueAndRound(unit, db, expect);
    }
  } finally {
    await Promise.all(Object.values(db).map((client) => client.end()));
  }
}

/** Once if accepted (with the id the client was told), none if refused; returns the stored id. */
async function commandEffect(
  client: Client,
  sql: string,
  param: string,
  result: CommandResult | undefined,
  toldId: string | undefined,
  what: string,
  expect: Expect,
): Promise<string | undefined> {
  const rows = await rowsOf<{ id: string }>(client, sql, [param]);
  if (applied(result)) {
    expect.once(rows.length, what);
    if (toldId && rows[0])
      expect.holds(rows[0].id === toldId, `${what}: answered ${toldId}, stored ${rows[0].id}`);
  } else if (result?.outcome === 'rejected') expect.none(rows.length, `refused ${what}`);
  else if (unresolved(result)) expect.atMostOnce(rows.length, `${what} (unresolved command)`);
  return rows[0]?.id;
}

async function checkPermissions(unit: Unit, db: Databases, expect: Expect): Promise<void> {
  const { steps, ids } = unit;
  const departmentId = await commandEffect(
    db.permissions,
    'SELECT id FROM department WHERE code = $1',
    unit.departmentCode,
    steps.department,
    ids.department,
    `department ${unit.departmentCode}`,
    expect,
  );
  if (!departmentId) return;
  for (const service of ['catalogue', 'rounds', 'complaints'] as const)
    expect.once(
      await count(db[service], 'SELECT count(*) AS n FROM department_projection WHERE id = $1', [
        departmentId,
      ]),
      `department ${unit.departmentCode} in the ${service} projection`,
    );
  const people = [
    [
      'liaison',
      unit.liaisonStaffNo,
      ids.liaison,
      [
        ['liaisonRole', 'dept_liaison'],
        ['handlerRole', 'complaint_handler'],
      ],
    ],
    ['reviewer', unit.reviewerStaffNo, ids.reviewer, [['reviewerRole', 'dept_reviewer']]],
  ] as const;
  for (const [step, staffNo, told, roles] of people) {
    const personId = await commandEffect(
      db.permissions,
      'SELECT id FROM person WHERE staff_no = $1',
      staffNo,
      steps[step],
      told,
      `${step} ${staffNo}`,
      expect,
    );
    if (!personId) continue;
    for (const [roleStep, role] of roles) {
      const bindings = await count(
        db.permissions,
        'SELECT count(*) AS n FROM role_binding WHERE subject_id = $1 AND role = $2',
        [personId, role],
      );
      if (steps[roleStep]) expectAsCommanded(expect, steps[roleStep], bindings, `${role} of ${staffNo}`);
    }
  }
}

async function checkComplaints(unit: Unit, db: Databases, expect: Expect): Promise<void> {
  const { steps } = unit;
  expect.none(
    await count(db.complaints, 'SELECT count(*) AS n FROM complaint_case WHERE title = $1', [
      unit.badCaseTitle,
    ]),
    `case with an unknown category "${unit.badCaseTitle}"`,
  );
  const caseId = await commandEffect(
    db.complaints,
    'SELECT id FROM complaint_case WHERE title = $1',
    unit.caseTitle,
    steps.complaint,
    unit.ids.case,
    `case "${unit.caseTitle}"`,
    expect,
  );
  if (!caseId) return;
  const entries = await rowsOf<{ kind: string }>(
    db.complaints,
    'SELECT kind FROM case_entry WHERE case_id = $1',
    [caseId],
  );
  const entriesOf = (kind: string) => entries.filter((entry) => entry.kind === kind).length;
  // The early callback was refused: the only callback is the loop's own.
  for (const [step, kind] of [
    ['dispatch', 'dispatch'],
    ['accept', 'accept'],
    ['reply', 'reply'],
    ['callback', 'callback'],
    ['close', 'close'],
  ] as const) {
    expectAsCommanded(expect, steps[step], entriesOf(kind), `${kind} of "${unit.caseTitle}"`);
  }
  const [stored] = await rowsOf<{ lead: string | null; status: string }>(
    db.complaints,
    'SELECT lead_department_id AS lead, status FROM complaint_case WHERE id = $1',
    [caseId],
  );
  if (applied(steps.dispatch))
    expect.holds(stored?.lead === unit.ids.department, `"${unit.caseTitle}" led by its department`);
  if (applied(steps.close)) {
    expect.holds(stored?.status === 'closed', `"${unit.caseTitle}" closed (is ${stored?.status})`);
    // reports folds the case's events in order to the same end.
    const [folded] = await rowsOf<{ status: string }>(
      db.reports,
      'SELECT status FROM report_case_event WHERE case_id = $1 ORDER BY aggregate_version DESC LIMIT 1',
      [caseId],
    );
    expect.holds(folded?.status === 'closed', `"${unit.caseTitle}" closed in reports (is ${folded?.status})`);
  }
}

async function checkCatalogueAndRound(unit: Unit, db: Databases, expect: Expect): Promise<void> {
  const { steps, ids } = unit;
  const itemId = await commandEffect(
    db.catalogue,
    'SELECT id FROM catalogue_item WHERE code = $1',
    unit.itemCode,
    steps.item,
    ids.item,
    `item ${unit.itemCode}`,
    expect,
  );
  if (!itemId) return;
  expect.once(
    await count(db.rounds, 'SELECT count(*) AS n FROM catalogue_item_projection WHERE id = $1', [itemId]),
    `item ${unit.itemCode} in the rounds projection`,
  );
  expect.once(
    await count(db.reports, 'SELECT count(*) AS n FROM report_item WHERE item_id = $1', [itemId]),
    `item ${unit.itemCode} in the reports projection`,
  );
  // Exactly one publication per approved task, none without an approval.
  const publications = await rowsOf<{ id: string; task: string | null; state: string }>(
    db.catalogue,
    'SELECT id, task_id AS task, state FROM publication WHERE item_id = $1',
    [itemId],
  );
  const reported = await count(
    db.reports,
    'SELECT count(*) AS n FROM report_publication WHERE item_id = $1',
    [itemId],
  );
  if (unresolved(steps.approve)) {
    expect.atMostOnce(publications.length, `publication of ${unit.itemCode} (unresolved approval)`);
    expect.atMostOnce(reported, `publication of ${unit.itemCode} in reports (unresolved approval)`);
  } else if (applied(steps.approve)) {
    expect.once(publications.length, `publication of ${unit.itemCode}`);
    expect.holds(
      publications[0]?.state === 'published' && publications[0]?.task === ids.task,
      `publication of ${unit.itemCode} published for its task (${publications[0]?.state}, task ${publications[0]?.task})`,
    );
    expect.once(reported, `publication of ${unit.itemCode} in reports`);
  } else {
    expect.none(publications.length, `publication of ${unit.itemCode} without an approval`);
    expect.none(reported, `publication of ${unit.itemCode} in reports without an approval`);
  }
  const roundId = await commandEffect(
    db.rounds,
    'SELECT id FROM round WHERE name = $1',
    unit.roundName,
    steps.round,
    ids.round,
    `round "${unit.roundName}"`,
    expect,
  );
  if (!roundId) return;
  const [round] = await rowsOf<{ status: string }>(db.rounds, 'SELECT status FROM round WHERE id = $1', [
    roundId,
  ]);
  const roundStatuses = statesAfter(
    [
      [steps.open, 'open'],
      [steps.closeRound, 'closed'],
    ] as const,
    'draft' as 'draft' | 'open' | 'closed',
  );
  const roundStatus = roundStatuses.join(' or ');
  expect.holds(
    roundStatuses.includes(round?.status as never),
    `round "${unit.roundName}" ${roundStatus} (is ${round?.status})`,
  );
  const [reportRound] = await rowsOf<{ status: string }>(
    db.reports,
    'SELECT status FROM report_round WHERE round_id = $1',
    [roundId],
  );
  expect.holds(
    roundStatuses.includes(reportRound?.status as never),
    `round "${unit.roundName}" ${roundStatus} in reports (is ${reportRound?.status})`,
  );
  const tasks = await rowsOf<{
    id: string;
    status: string;
    publication: string | null;
    assignee: string | null;
  }>(
    db.rounds,
    'SELECT id, status, publication_id AS publication, assignee_id AS assignee FROM task WHERE round_id = $1',
    [roundId],
  );
  if (unresolved(steps.open)) {
    expect.atMostOnce(tasks.length, `task of round "${unit.roundName}" (unresolved opening)`);
    return;
  }
  if (!applied(steps.open)) {
    expect.none(tasks.length, `tasks of the unopened round "${unit.roundName}"`);
    return;
  }
  expect.once(tasks.length, `task of round "${unit.roundName}"`);
  const task = tasks[0];
  if (!task) return;
  const taskStatuses = statesAfter(
    [
      [steps.submit, 'submitted'],
      [steps.review, 'reviewed'],
      [steps.approve, 'published'],
    ] as const,
    'pending' as 'pending' | 'submitted' | 'reviewed' | 'published',
  );
  // An unresolved approval may still be on its way to the catalogue and back: approved counts too.
  if (taskStatuses.includes('published')) taskStatuses.push('approved' as never);
  const taskStatus = taskStatuses.join(' or ');
  expect.holds(
    taskStatuses.includes(task.status as never),
    `task of "${unit.roundName}" ${taskStatus} (is ${task.status})`,
  );
  if (applied(steps.approve))
    expect.holds(
      task.publication === publications[0]?.id,
      `task of "${unit.roundName}" names its publication (${task.publication})`,
    );
  const [reportTask] = await rowsOf<{ status: string }>(
    db.reports,
    'SELECT status FROM report_task WHERE task_id = $1',
    [task.id],
  );
  expect.holds(
    taskStatuses.includes(reportTask?.status as never),
    `task of "${unit.roundName}" ${taskStatus} in reports (is ${reportTask?.status})`,
  );
  // The early approval was refused: one approval and one submission in the task's history.
  const history = await rowsOf<{ action: string }>(
    db.rounds,
    'SELECT action FROM history_entry WHERE task_id = $1',
    [task.id],
  );
  for (const [step, action] of [
    ['submit', 'submitted'],
    ['approve', 'approved'],
  ] as const) {
    const found = history.filter((entry) => entry.action === action).length;
    expectAsCommanded(expect, steps[step], found, `${action} in the history of "${unit.roundName}"`);
  }
}

async function checkEvents(
  options: {
    nc: NatsConnection;
    prefix: string;
    databaseUrlOf: DatabaseUrlOf;
    expectedDeadLetters: ReadonlySet<string>;
  },
  verdict: Verdict,
  expectOnce: (found: number, what: string) => void,
): Promise<void> {
  const jsm = await jetstreamManager(options.nc);
  for (const source of PRODUCING_SERVICES) {
    const stream = streamName(options.prefix, source);
    const events = await readStream(options.nc, stream);
    verdict.eventsInStreams += events.length;
    const copies = new Map<string, number>();
    for (const event of events) copies.set(event.id, (copies.get(event.id) ?? 0) + 1);
    for (const [id, times] of copies) if (times > 1) expectOnce(times, `event ${id} in ${stream}`);

    // Every event the producer committed went out, once.
    await withDb(options.databaseUrlOf(source), async (client) => {
      const outbox = (
        await client.query<{ id: string; published: boolean }>(
          'SELECT event_id AS id, published_at IS NOT NULL AS published FROM outbox',
        )
      ).rows;
      for (const row of outbox) {
        if (!row.published) expectOnce(0, `${source} outbox event ${row.id} published`);
        else expectOnce(copies.get(row.id) ?? 0, `${source} outbox event ${row.id} in ${stream}`);
      }
    });

    // Every durable consumer of this stream applied each of its events once.
    for await (const info of jsm.consumers.list(stream)) {
      const durable = info.name;
      const service = DATA_SERVICES.find((name) => durable.startsWith(`${name}-`));
      if (!service) continue;
      const filter = info.config.filter_subject ?? '>';
      await withDb(options.databaseUrlOf(service), async (client) => {
        const inbox = (
          await client.query<{ id: string; type: string }>(
            'SELECT event_id::text AS id, type FROM inbox WHERE consumer = $1',
            [durable],
          )
        ).rows;
        const inInbox = new Set(inbox.map((row) => row.id));
        const handledTypes = new Set(inbox.map((row) => row.type));
        const ordered =
          (await count(client, 'SELECT count(*) AS n FROM consumer_position WHERE consumer = $1', [
            durable,
          ])) > 0;
        const parked = (
          await client.query<{ id: string | null; type: string | null; deliveries: number; error: string }>(
            'SELECT event_id AS id, event_type AS type, deliveries, error FROM dead_letter WHERE consumer = $1',
            [durable],
          )
        ).rows;
        const parkedIds = new Set(parked.map((row) => row.id));
        for (const row of parked)
          if (!row.id || !options.expectedDeadLetters.has(row.id))
            verdict.unexpectedDeadLetters.push(
              `${durable}: ${row.type ?? '?'} ${row.id ?? '(no id)'} after ${row.deliveries} tries: ${row.error.slice(0, 300)}`,
            );
        for (const event of new Map(events.map((e) => [e.id, e])).values()) {
          if (!subjectMatches(filter, event.subject)) continue;
          // An independent consumer records only the types it handles.
          if (!ordered && !handledTypes.has(event.type)) continue;
          verdict.inboxRowsChecked += 1;
          if (inInbox.has(event.id)) expectOnce(1, '');
          else if (parkedIds.has(event.id) && options.expectedDeadLetters.has(event.id)) continue;
          else expectOnce(0, `${event.type} ${event.id} in the inbox of ${durable}`);
        }
      });
    }
  }
}
