import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import { Client } from 'pg';
import { DATA_SERVICES, PRODUCING_SERVICES, type DataServiceName } from '@gongkai/contracts';
import { streamName } from '@gongkai/messaging';
import { waitFor } from '@gongkai/testing';
import type { CommandResult } from './gateway-client';
import type { Ledger, Unit } from './driver';

export interface Verdict {
  effectsChecked: number;
  lost: string[];
  doubled: string[];
  /** A refused command that left something behind. */
  halfApplied: string[];
  /** Events parked as dead letters that nobody meant to poison. */
  unexpectedDeadLetters: string[];
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

  await checkCommands(options.ledger.units, options.databaseUrlOf, expectOnce, expectNone);
  await checkEvents(options, verdict, expectOnce);
  return verdict;
}

async function checkCommands(
  units: readonly Unit[],
  databaseUrlOf: DatabaseUrlOf,
  expectOnce: (found: number, what: string) => void,
  expectNone: (found: number, what: string) => void,
): Promise<void> {
  const permissions = new Client({ connectionString: databaseUrlOf('permissions') });
  const complaints = new Client({ connectionString: databaseUrlOf('complaints') });
  const projections = ['catalogue', 'rounds', 'complaints'].map(
    (service) =>
      [service, new Client({ connectionString: databaseUrlOf(service as DataServiceName) })] as const,
  );
  const all = [permissions, complaints, ...projections.map(([, client]) => client)];
  await Promise.all(all.map((client) => client.connect()));
  try {
    for (const unit of units) {
      const departments = (
        await permissions.query<{ id: string }>('SELECT id FROM department WHERE code = $1', [
          unit.departmentCode,
        ])
      ).rows;
      if (applied(unit.department)) {
        expectOnce(departments.length, `department ${unit.departmentCode}`);
        const replied =
          unit.department?.outcome === 'accepted' ? unit.department.body.id : departments[0]?.id;
        if (replied && departments[0] && departments[0].id !== replied)
          expectOnce(
            2,
            `department ${unit.departmentCode}: answered ${replied}, stored ${departments[0].id}`,
          );
        for (const [service, client] of projections) {
          if (!departments[0]) continue;
          expectOnce(
            await count(client, 'SELECT count(*) AS n FROM department_projection WHERE id = $1', [
              departments[0].id,
            ]),
            `department ${unit.departmentCode} in the ${service} projection`,
          );
        }
      } else if (unit.department?.outcome === 'rejected') {
        expectNone(departments.length, `refused department ${unit.departmentCode}`);
      }
      if (unit.departmentAgain) {
        if (applied(unit.departmentAgain)) expectOnce(2, `department ${unit.departmentCode} created twice`);
        else expectOnce(departments.length, `department ${unit.departmentCode} after its refused duplicate`);
      }
      const cases = (
        await complaints.query<{ id: string; lead: string | null }>(
          'SELECT id, lead_department_id AS lead FROM complaint_case WHERE title = $1',
          [unit.caseTitle],
        )
      ).rows;
      if (applied(unit.complaint)) expectOnce(cases.length, `case "${unit.caseTitle}"`);
      else if (unit.complaint?.outcome === 'rejected')
        expectNone(cases.length, `refused case "${unit.caseTitle}"`);
      expectNone(
        await count(complaints, 'SELECT count(*) AS n FROM complaint_case WHERE title = $1', [
          unit.badCaseTitle,
        ]),
        `case with an unknown category "${unit.badCaseTitle}"`,
      );
      const caseId = cases[0]?.id;
      if (caseId && unit.dispatch) {
        const dispatches = await count(
          complaints,
          `SELECT count(*) AS n FROM case_entry WHERE case_id = $1 AND kind = 'dispatch'`,
          [caseId],
        );
        if (applied(unit.dispatch)) {
          expectOnce(dispatches, `dispatch of "${unit.caseTitle}"`);
          if (cases[0]?.lead !== departments[0]?.id)
            expectOnce(0, `"${unit.caseTitle}" led by ${departments[0]?.id} (holds ${cases[0]?.lead})`);
        } else if (unit.dispatch.outcome === 'rejected') {
          expectNone(dispatches, `refused dispatch of "${unit.caseTitle}"`);
        }
      }
      if (caseId && unit.earlyCallback) {
        const callbacks = await count(
          complaints,
          `SELECT count(*) AS n FROM case_entry WHERE case_id = $1 AND kind = 'callback'`,
          [caseId],
        );
        if (applied(unit.earlyCallback))
          expectOnce(2, `callback before any reply on "${unit.caseTitle}" accepted`);
        else expectNone(callbacks, `refused callback on "${unit.caseTitle}"`);
      }
    }
  } finally {
    await Promise.all(all.map((client) => client.end()));
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
          await client.query<{ id: string | null }>(
            'SELECT event_id AS id FROM dead_letter WHERE consumer = $1',
            [durable],
          )
        ).rows;
        const parkedIds = new Set(parked.map((row) => row.id));
        for (const row of parked)
          if (!row.id || !options.expectedDeadLetters.has(row.id))
            verdict.unexpectedDeadLetters.push(`${durable}: ${row.id ?? '(no id)'}`);
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
