import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { connect } from '@nats-io/transport-node';
import type { DataServiceName, ServiceName } from '@gongkai/contracts';
import { FAULT_POINTS, type FaultPoint } from '@gongkai/messaging';
import { freePort, gatewayActorKeyEnv, newRunId, waitFor } from '@gongkai/testing';
import { ALL_APPS, Apps } from './apps';
import { BrokerOutages } from './broker-outages';
import { runChaos, type ChaosTally } from './chaos';
import { check, waitForQuiet } from './checker';
import { drive, setUpOffice, type Ledger } from './driver';
import { GatewayClient } from './gateway-client';
import { startFaultsNats } from './private-nats';
import { startPrivatePostgres } from './private-postgres';
import { format, hookKills, passed } from './report';
import {
  brokerRestarts,
  poisonAndReplay,
  postgresOutage,
  stoppedServiceTimeouts,
  type ScenarioContext,
  type ScenarioResult,
} from './scenarios';

const USAGE = `Usage: npm run test:faults [-- options]

Starts a private nats-server and PostgreSQL, the six built apps (dist/apps), drives commands
through the gateway while killing processes, runs the broker, database, timeout and poison
scenarios, and checks that nothing acknowledged was lost or applied twice.

Options:
  --full                 the full run: --kills 50 --broker-restarts 10 --interval 2000 --max-seconds 5400
  --seconds <n>          chaos phase lasts at least this long (default 60)
  --max-seconds <n>      ... and at most this long, even if --kills is not reached (default 600)
  --kills <n>            chaos phase goes on until every role has this many kills (default 0)
  --broker-restarts <n>  measured nats-server restarts after the chaos phase (default 2)
  --workers <n>          concurrent callers during the chaos phase (default 4)
  --interval <ms>        mean pause between two random kills (default 3000; 2000 with --full)
  --hook-probability <p> chance a hook kills at its point (default 0.05)
  --verbose              print every app exit
`;

const MAX_DELIVER = 4;

/** The gateway's /readyz body, as much of it as the chaos loop reads. */
interface Readiness {
  services?: { service: ServiceName; status: string }[];
}

function workspaceRoot(): string {
  let dir = __dirname;
  while (!existsSync(join(dir, 'nx.json'))) dir = join(dir, '..');
  return dir;
}

function positive(value: string | undefined, fallback: number, name: string): number {
  if (value === undefined) return fallback;
  const parsed = Number(value);
  if (!Number.isFinite(parsed) || parsed < 0) throw new Error(`--${name} needs a number ≥ 0, not "${value}"`);
  return parsed;
}

const log = (line: string) => console.log(`[faults ${new Date().toISOString().slice(11, 19)}] ${line}`);

export async function main(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      full: { type: 'boolean' },
      seconds: { type: 'string' },
      'max-seconds': { type: 'string' },
      kills: { type: 'string' },
      'broker-restarts': { type: 'string' },
      workers: { type: 'string' },
      interval: { type: 'string' },
      'hook-probability': { type: 'string' },
      verbose: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const full = values.full ?? false;
  const settings = {
    seconds: positive(values.seconds, 60, 'seconds'),
    maxSeconds: positive(values['max-seconds'], full ? 5400 : 600, 'max-seconds'),
    kills: positive(values.kills, full ? 50 : 0, 'kills'),
    brokerRestarts: positive(values['broker-restarts'], full ? 10 : 2, 'broker-restarts'),
    workers: positive(values.workers, 4, 'workers'),
    intervalMs: positive(values.interval, full ? 2000 : 3000, 'interval'),
    hookProbability: positive(values['hook-probability'], 0.05, 'hook-probability'),
  };
  log(`settings ${JSON.stringify(settings)}`);

  const cleanups: (() => Promise<unknown>)[] = [];
  const cleanUp = async () => {
    for (let step = cleanups.pop(); step; step = cleanups.pop()) await step().catch(() => undefined);
  };
  for (const signal of ['SIGINT', 'SIGTERM'] as const)
    process.once(signal, () => void cleanUp().finally(() => process.exit(130)));

  try {
    const nats = await startFaultsNats();
    cleanups.push(() => nats.server.dispose());
    const outages = new BrokerOutages();
    const broker = outages.watch(nats.server);
    log(`nats-server ${nats.version} on ${nats.server.url}, JetStream sync: ${nats.syncSetting}`);
    const postgres = await startPrivatePostgres();
    cleanups.push(() => postgres.dispose());
    log(`PostgreSQL on ${postgres.url}`);

    const tag = newRunId();
    const port = await freePort();
    const adminKey = `admin-${tag}-0123456789abcdef`;
    const databaseUrlOf = (service: DataServiceName) => {
      const url = new URL(postgres.url);
      url.pathname = `/gongkai_${service}`;
      return url.toString();
    };
    // Armed once the chaos phase starts (an app killed at boot only slows the start), and only
    // the points still short of their kill target, so every point gets its share.
    let armed = false;
    let migrated = false;
    // This run's gateway actor key pair (GATEWAY_ACTOR_SIGNING_KEY / GATEWAY_ACTOR_PUBLIC_KEY).
    const actorKeyEnvOf = gatewayActorKeyEnv();
    const hookEnv = (app: ServiceName): Record<string, string> => {
      // Migrations ran at the first boot; a restart (as after a crash in production) skips them.
      const boot: Record<string, string> = {
        ...actorKeyEnvOf(app),
        ...(migrated ? { MIGRATE_ON_BOOT: 'false' } : {}),
      };
      // A process started after a hook killed the last one runs without hooks: it catches up its
      // backlog (a consumer point fires on any of the many redelivered events, and a service
      // killed again before it got through them would never recover). The next one is armed again.
      if (!armed || app === 'gateway' || apps.lastExit.get(app) === 'hook') return boot;
      // One point per process, the one furthest behind, so every point gets its share (consumer
      // points pass far more often than producer ones).
      const counts = hookKills(apps.tally);
      const behind = FAULT_POINTS.filter(
        (point: FaultPoint) => settings.kills === 0 || (counts.get(point) ?? 0) < settings.kills,
      ).sort((a, b) => (counts.get(a) ?? 0) - (counts.get(b) ?? 0));
      const fewest = counts.get(behind[0] as FaultPoint) ?? 0;
      const candidates = behind.filter((point) => (counts.get(point) ?? 0) === fewest);
      const point = candidates[Math.floor(Math.random() * candidates.length)];
      return point === undefined
        ? boot
        : {
            ...boot,
            GONGKAI_FAULT_HOOK: point,
            GONGKAI_FAULT_PROBABILITY: String(settings.hookProbability),
          };
    };
    const apps: Apps = new Apps({
      root: workspaceRoot(),
      env: {
        PATH: process.env['PATH'] ?? '',
        NODE_ENV: 'test',
        LOG_LEVEL: 'warn',
        NATS_URL: nats.server.url,
        NATS_PREFIX: tag,
        DATABASE_URL: postgres.url,
        PORT: String(port),
        HOST: '127.0.0.1',
        BOOTSTRAP_ADMIN_API_KEY: adminKey,
        OUTBOX_POLL_MS: '100',
        RATE_LIMIT_PER_MINUTE: '1000000',
        CONSUMER_MAX_DELIVER: String(MAX_DELIVER),
        CONSUMER_BACKOFF_MS: '250,500,1000',
        // A consumer killed mid-message gets it again after this long.
        CONSUMER_ACK_WAIT_MS: '10000',
      },
      envOf: hookEnv,
      restartDelayMs: 300,
      causedByBroker: (startedAt, exitedAt, lastLines) => outages.causedExit(startedAt, exitedAt, lastLines),
      onExit: values.verbose ? (line) => log(line) : undefined,
    });
    cleanups.push(() => apps.stopAll());
    await apps.startAll(3000);
    const client = new GatewayClient(`http://127.0.0.1:${port}`, adminKey, 180_000);
    const bootStarted = Date.now();
    await waitFor(async () => (await client.send('GET', '/readyz', { timeoutMs: 3000 })).status === 200, {
      timeoutMs: 600_000,
      intervalMs: 500,
      what: 'the system to be ready (/readyz = 200)',
    }).catch((error: unknown) => {
      throw new Error(
        `${String(error)}\n${ALL_APPS.map((app) => `--- ${app}\n${apps.logsOf(app, 10)}`).join('\n')}`,
      );
    });
    log(`apps ready in ${Date.now() - bootStarted} ms`);
    migrated = true;

    const office = await setUpOffice(client, tag);
    const ledger: Ledger = { units: [] };
    const chaosTally: ChaosTally = { brokerRestarts: 0 };
    const chaosStarted = Date.now();
    const targetsMet = () => {
      if (settings.kills === 0) return true;
      const hooks = hookKills(apps.tally);
      return (
        ALL_APPS.every((app) => (apps.tally.chaos.get(app) ?? 0) >= settings.kills) &&
        FAULT_POINTS.every((point) => (hooks.get(point) ?? 0) >= settings.kills)
      );
    };
    const chaosOver = () => {
      const elapsed = (Date.now() - chaosStarted) / 1000;
      return elapsed >= settings.maxSeconds || (elapsed >= settings.seconds && targetsMet());
    };
    const progress = setInterval(() => {
      const hooks = [...hookKills(apps.tally)].map(([point, n]) => `${point} ${n}`).join(', ');
      const chaos = ALL_APPS.map((app) => `${app} ${apps.tally.chaos.get(app) ?? 0}`).join(', ');
      log(
        `units ${ledger.units.length}; kills: ${chaos}; hooks: ${hooks}; broker ${chaosTally.brokerRestarts}`,
      );
    }, 30_000);
    cleanups.push(async () => clearInterval(progress));

    log('chaos phase: driver, random kills, and kill hooks in every app started from now on');
    armed = true;
    const driving = drive({ client, office, tag, workers: settings.workers, ledger, shouldStop: chaosOver });
    await runChaos(
      {
        apps,
        readyApps: async () => {
          const answer = await client.send('GET', '/readyz', { timeoutMs: 3000 });
          if (answer.status === 0) return new Set<ServiceName>();
          // 200: the readiness itself; 503: a problem with it under `checks`.
          const body = answer.body as (Readiness & { checks?: Readiness }) | null;
          const services = body?.services ?? body?.checks?.services ?? [];
          return new Set<ServiceName>([
            'gateway',
            ...services.filter((check) => check.status !== 'unavailable').map((check) => check.service),
          ]);
        },
        short: (app) => (apps.tally.chaos.get(app) ?? 0) < settings.kills,
        nats: broker,
        intervalMs: [settings.intervalMs * 0.5, settings.intervalMs * 1.5],
        brokerShare: 0.02,
        brokerDownMs: 1000,
        shouldStop: chaosOver,
      },
      chaosTally,
    );
    await driving;
    armed = false;
    log(
      `chaos phase over after ${Math.round((Date.now() - chaosStarted) / 1000)} s; restarting the apps without hooks`,
    );
    for (const app of ALL_APPS) {
      apps.kill(app);
      await new Promise((resolve) => setTimeout(resolve, 3000));
    }

    // The scenarios run under load: a couple of callers keep sending.
    let scenariosOver = false;
    const load = drive({
      client,
      office,
      tag: `${tag}l`,
      workers: 2,
      ledger,
      shouldStop: () => scenariosOver,
    });
    const context: ScenarioContext = {
      client,
      apps,
      nats: broker,
      postgres,
      databaseUrlOf,
      tag,
      expectedDeadLetters: new Set(),
    };
    const scenarios: ScenarioResult[] = [];
    const scenario = async (name: string, run: () => Promise<ScenarioResult>) => {
      log(`scenario: ${name}`);
      try {
        scenarios.push(await run());
      } catch (error) {
        scenarios.push({
          name,
          ok: false,
          figures: 'did not finish',
          problems: [String(error)],
          effectsChecked: 0,
        });
      }
    };
    await scenario('broker', () => brokerRestarts(context, settings.brokerRestarts, 2000));
    await scenario('postgres', () => postgresOutage(context, 10_000));
    await scenario('timeouts', () => stoppedServiceTimeouts(context));
    await scenario('poison', () => poisonAndReplay(context, MAX_DELIVER));
    scenariosOver = true;
    await load;

    log(`settling: ${ledger.units.length} units sent`);
    const nc = await connect({ servers: nats.server.url, name: 'faults-checker' });
    cleanups.push(() => nc.close());
    await waitForQuiet({ nc, prefix: tag, databaseUrlOf, timeoutMs: 180_000 });
    log('checking');
    const verdict = await check({
      ledger,
      nc,
      prefix: tag,
      databaseUrlOf,
      expectedDeadLetters: context.expectedDeadLetters,
    });
    const summary = {
      kills: apps.tally,
      brokerRestarts: chaosTally.brokerRestarts + settings.brokerRestarts,
      ledger,
      client: client.stats,
      verdict,
      scenarios,
    };
    console.log(format(summary));
    const ok = passed(summary);
    console.log(`\n${ok ? 'PASS' : 'FAIL'}: ${verdict.lost.length} lost, ${verdict.doubled.length} doubled`);
    return ok ? 0 : 1;
  } finally {
    await cleanUp();
  }
}
