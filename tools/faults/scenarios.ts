import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import type { PrivateNatsServer } from '@gongkai/testing';
import { waitFor } from '@gongkai/testing';
import type { Apps } from './apps';
import type { DatabaseUrlOf } from './checker';
import type { GatewayClient } from './gateway-client';
import type { PrivatePostgres } from './private-postgres';

export interface ScenarioResult {
  name: string;
  ok: boolean;
  /** What was measured, for the report. */
  figures: string;
  problems: string[];
  effectsChecked: number;
}

export interface ScenarioContext {
  client: GatewayClient;
  apps: Apps;
  nats: PrivateNatsServer;
  postgres: PrivatePostgres;
  databaseUrlOf: DatabaseUrlOf;
  tag: string;
  /** Event ids parked on purpose (the poison scenario adds its own). */
  expectedDeadLetters: Set<string>;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function ready(client: GatewayClient, timeoutMs = 120_000): Promise<number> {
  const started = Date.now();
  await waitFor(async () => (await client.send('GET', '/readyz', { timeoutMs: 3000 })).status === 200, {
    timeoutMs,
    intervalMs: 100,
    what: 'the gateway /readyz = 200',
  });
  return Date.now() - started;
}

/**
 * How long after `since` the gateway first answered /readyz 200. Probes start every 200 ms without
 * waiting for each other: on a busy machine one probe may take seconds to answer not-ready, and
 * waiting for it would count its slowness as the system's.
 */
function readyAgain(client: GatewayClient, since: number, timeoutMs: number): Promise<number> {
  return new Promise((resolve, reject) => {
    let done = false;
    const finish = (outcome: () => void) => {
      if (done) return;
      done = true;
      clearInterval(probes);
      clearTimeout(giveUp);
      outcome();
    };
    const probes = setInterval(() => {
      void client.send('GET', '/readyz', { timeoutMs: 3000 }).then((answer) => {
        if (answer.status === 200) finish(() => resolve(Date.now() - since));
      });
    }, 200);
    const giveUp = setTimeout(() => finish(() => reject(new Error('not ready in time'))), timeoutMs);
  });
}

async function departmentsWithCode(databaseUrlOf: DatabaseUrlOf, code: string): Promise<number> {
  const client = new Client({ connectionString: databaseUrlOf('permissions') });
  await client.connect();
  try {
    return (await client.query('SELECT 1 FROM department WHERE code = $1', [code])).rowCount ?? 0;
  } finally {
    await client.end();
  }
}

/** The not-ready services of a /readyz answer and their reasons, in one line. */
function notReadyReasons(body: unknown): string {
  const readiness = body as {
    nats?: string;
    services?: { service: string; status: string; reasons?: string[] }[];
  } | null;
  if (!readiness || typeof readiness !== 'object') return String(body).slice(0, 200);
  // A 503 carries the readiness under `checks` (problem+json).
  const checks = (readiness as { checks?: typeof readiness }).checks;
  if (checks) return notReadyReasons(checks);
  const services = (readiness.services ?? [])
    .filter((check) => check.status === 'unavailable')
    .map((check) => `${check.service}: ${(check.reasons ?? []).join('; ')}`);
  return `nats ${readiness.nats}; ${services.join(', ') || 'every service ready'}`;
}

function result(name: string, problems: string[], figures: string, effectsChecked: number): ScenarioResult {
  return { name, ok: problems.length === 0, figures, problems, effectsChecked };
}

/**
 * nats-server SIGKILLed under load and started again on the same store, `restarts` times:
 * /readyz must say not-ready while it is down, and every service must answer again within 5 s
 * of its return, without being restarted.
 */
export async function brokerRestarts(
  context: ScenarioContext,
  restarts: number,
  downMs: number,
): Promise<ScenarioResult> {
  const problems: string[] = [];
  const recoveries: number[] = [];
  const notReadyAt5s: string[] = [];
  for (let round = 0; round < restarts; round++) {
    // Apps restarted just before (after the chaos phase) may take minutes to boot on a busy machine.
    await ready(context.client, 300_000);
    await context.nats.stop('SIGKILL');
    await sleep(Math.min(500, downMs));
    const whileDown = await context.client.send('GET', '/readyz', { timeoutMs: 6000 });
    if (whileDown.status === 200)
      problems.push(`restart ${round + 1}: /readyz answered 200 while NATS was down`);
    await sleep(Math.max(0, downMs - 500));
    await context.nats.start();
    const back = Date.now();
    let recovered = false;
    // What was still not ready 5 s after the broker's return, to tell a slow service from a starved machine.
    const lateness = sleep(5000).then(async () => {
      if (recovered) return;
      const answer = await context.client.send('GET', '/readyz', { timeoutMs: 6000 });
      notReadyAt5s.push(`restart ${round + 1}: ${answer.status} ${notReadyReasons(answer.body)}`);
    });
    try {
      recoveries.push(await readyAgain(context.client, back, 60_000));
    } catch {
      problems.push(`restart ${round + 1}: not ready 60 s after NATS came back`);
    }
    recovered = true;
    await lateness;
  }
  const slowest = Math.max(0, ...recoveries);
  if (slowest > 5000)
    problems.push(
      `slowest recovery ${slowest} ms (> 5000 ms); not ready at 5 s: ${notReadyAt5s.join(' | ')}`,
    );
  const sorted = [...recoveries].sort((a, b) => a - b);
  return result(
    'broker killed and restarted under load',
    problems,
    `${restarts} restarts, down ${downMs} ms each; ready again after median ${sorted[Math.floor(sorted.length / 2)] ?? '-'} ms, slowest ${slowest} ms`,
    0,
  );
}

/**
 * PostgreSQL stopped for 10 s under load: commands answer 503 fast, /readyz is false, nothing
 * of a refused command is applied, and the services recover on their own.
 */
export async function postgresOutage(context: ScenarioContext, outageMs: number): Promise<ScenarioResult> {
  const problems: string[] = [];
  await ready(context.client);
  await context.postgres.stop();
  const stopped = Date.now();
  await sleep(300);
  const refusedCode = `PGDOWN${context.tag}`.toUpperCase();
  const refused = await context.client.send('POST', '/api/v1/departments', {
    body: { code: refusedCode, name: '数据库停机时', type: 'office' },
    headers: { 'idempotency-key': randomUUID() },
  });
  if (refused.status !== 503)
    problems.push(`a command while PostgreSQL was down answered ${refused.status}, not 503`);
  if (refused.ms > 2000) problems.push(`a command while PostgreSQL was down took ${refused.ms} ms (> 2000)`);
  const readiness = await context.client.send('GET', '/readyz', { timeoutMs: 6000 });
  if (readiness.status === 200) problems.push('/readyz answered 200 while PostgreSQL was down');
  // A client that keeps retrying through the outage gets its command applied once, afterwards.
  const patientCode = `PGWAIT${context.tag}`.toUpperCase();
  const patient = context.client.command('/api/v1/departments', {
    code: patientCode,
    name: '数据库恢复后才落地',
    type: 'office',
  });
  await sleep(Math.max(0, outageMs - (Date.now() - stopped)));
  await context.postgres.start();
  const back = Date.now();
  let recovered = -1;
  try {
    await ready(context.client, 60_000);
    recovered = Date.now() - back;
  } catch {
    problems.push('not ready 60 s after PostgreSQL came back');
  }
  const patientResult = await patient;
  if (patientResult.outcome !== 'accepted')
    problems.push(
      `the command retried through the outage ended ${patientResult.outcome} (${patientResult.status})`,
    );
  const refusedRows = await departmentsWithCode(context.databaseUrlOf, refusedCode);
  if (refusedRows > 0) problems.push(`the command refused with 503 was applied (${refusedRows} rows)`);
  const patientRows = await departmentsWithCode(context.databaseUrlOf, patientCode);
  if (patientRows !== 1) problems.push(`the retried command is there ${patientRows} times, not once`);
  return result(
    'PostgreSQL stopped for 10 s',
    problems,
    `stopped ${outageMs} ms; command answered ${refused.status} in ${refused.ms} ms; ready again ${recovered} ms after restart; retried command applied ${patientRows}×`,
    2,
  );
}

/**
 * Requests to a stopped service (killed and kept down) and to a hung one (SIGSTOP) end within the
 * request timeout with 503 or 504; the same command retried with its Idempotency-Key afterwards
 * is applied once.
 */
export async function stoppedServiceTimeouts(context: ScenarioContext): Promise<ScenarioResult> {
  const problems: string[] = [];
  const figures: string[] = [];
  let checked = 0;
  for (const how of ['killed', 'hung'] as const) {
    await ready(context.client);
    const code = `TIMEOUT${how}${context.tag}`.toUpperCase();
    const key = randomUUID();
    const body = { code, name: `超时演练 ${how}`, type: 'office' };
    if (how === 'killed') await context.apps.hold('permissions');
    else context.apps.pause('permissions');
    const first = await context.client.send('POST', '/api/v1/departments', {
      body,
      headers: { 'idempotency-key': key },
    });
    const read = await context.client.send('GET', '/api/v1/departments?limit=1');
    if (how === 'killed') context.apps.release('permissions');
    else context.apps.resume('permissions');
    for (const [what, answer] of [
      ['command', first],
      ['read', read],
    ] as const) {
      if (answer.status !== 503 && answer.status !== 504)
        problems.push(`${what} to a ${how} service answered ${answer.status}, not 503/504`);
      // The bound, end to end as the client sees it (the gateway answers 504 by
      // HTTP_ANSWER_DEADLINE_MS = 4.5 s, leaving the rest for a busy machine).
      if (answer.ms > 5000) problems.push(`${what} to a ${how} service took ${answer.ms} ms (> 5000)`);
    }
    figures.push(`${how}: ${first.status} in ${first.ms} ms, read ${read.status} in ${read.ms} ms`);
    const retried = await context.client.command('/api/v1/departments', body, { key });
    if (retried.outcome !== 'accepted' && retried.outcome !== 'reply-lost')
      problems.push(
        `the retry after the ${how} service came back ended ${retried.outcome} (${retried.status})`,
      );
    const rows = await departmentsWithCode(context.databaseUrlOf, code);
    checked += 1;
    if (rows !== 1)
      problems.push(`the command sent to the ${how} service and retried is there ${rows} times`);
  }
  return result('requests to a stopped service', problems, figures.join('; '), checked);
}

/**
 * A poison event: complaints' department projection fails on one department (a trigger stands in
 * for the bug), the event is parked after the configured tries and listed at GET
 * /ops/dead-letters; after the fix (the trigger dropped) a replay applies it once, and a second
 * replay changes nothing.
 */
export async function poisonAndReplay(context: ScenarioContext, maxDeliver: number): Promise<ScenarioResult> {
  const problems: string[] = [];
  const complaints = new Client({ connectionString: context.databaseUrlOf('complaints') });
  await complaints.connect();
  try {
    await ready(context.client);
    const code = `POISON${context.tag}`.toUpperCase();
    await complaints.query(`
      CREATE OR REPLACE FUNCTION faults_poison() RETURNS trigger AS $$
      BEGIN
        IF NEW.code LIKE 'POISON%' THEN RAISE EXCEPTION 'faults suite: department % is poison', NEW.code; END IF;
        RETURN NEW;
      END $$ LANGUAGE plpgsql`);
    await complaints.query(
      'CREATE TRIGGER faults_poison BEFORE INSERT OR UPDATE ON department_projection FOR EACH ROW EXECUTE FUNCTION faults_poison()',
    );
    const created = await context.client.command<{ id: string }>('/api/v1/departments', {
      code,
      name: '有毒事件演练',
      type: 'office',
    });
    if (created.outcome !== 'accepted') throw new Error(`creating ${code} ended ${created.outcome}`);
    const departmentId = created.body.id;
    interface Letter {
      id: string;
      eventId: string | null;
      rawMessage: string;
      deliveries: number;
      status: string;
      consumer: string;
    }
    const letter = await waitFor(
      async () => {
        const page = await context.client.send(
          'GET',
          '/api/v1/ops/dead-letters?service=complaints&limit=500',
        );
        const items = (page.body as { items?: Letter[] }).items ?? [];
        return items.find((item) => item.rawMessage.includes(departmentId)) ?? null;
      },
      { timeoutMs: 90_000, intervalMs: 500, what: `the ${code} event to be parked in complaints` },
    );
    if (letter.eventId) context.expectedDeadLetters.add(letter.eventId);
    if (letter.deliveries !== maxDeliver)
      problems.push(`parked after ${letter.deliveries} tries, not CONSUMER_MAX_DELIVER = ${maxDeliver}`);
    const projected = async () =>
      Number(
        (
          await complaints.query<{ n: string }>(
            'SELECT count(*) AS n FROM department_projection WHERE id = $1',
            [departmentId],
          )
        ).rows[0]?.n,
      );
    if ((await projected()) !== 0) problems.push('the poison event was applied before the fix');

    await complaints.query('DROP TRIGGER faults_poison ON department_projection');
    await complaints.query('DROP FUNCTION faults_poison()');
    const replay = await context.client.send(
      'POST',
      `/api/v1/ops/dead-letters/complaints/${letter.id}/replay`,
      {
        body: {},
      },
    );
    if (replay.status !== 200)
      problems.push(`replay answered ${replay.status}: ${JSON.stringify(replay.body)}`);
    const again = await context.client.send(
      'POST',
      `/api/v1/ops/dead-letters/complaints/${letter.id}/replay`,
      {
        body: {},
      },
    );
    if ((await projected()) !== 1)
      problems.push(`after the replay the department is projected ${await projected()} times`);
    const inbox = Number(
      (
        await complaints.query<{ n: string }>(
          'SELECT count(*) AS n FROM inbox WHERE event_id = $1::uuid AND consumer = $2',
          [letter.eventId, letter.consumer],
        )
      ).rows[0]?.n,
    );
    if (inbox !== 1) problems.push(`the replayed event is in the inbox ${inbox} times`);
    return result(
      'poison event → dead letter → fix → replay',
      problems,
      `event ${letter.eventId} parked after ${letter.deliveries} tries; replay ${replay.status}, second replay ${again.status}; projected once, inbox once`,
      2,
    );
  } finally {
    await complaints
      .query('DROP TRIGGER IF EXISTS faults_poison ON department_projection')
      .catch(() => undefined);
    await complaints.end();
  }
}
