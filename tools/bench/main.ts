import { cpus, loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { Logger } from '@nestjs/common';
import { TEST_NATS_URL, TEST_POSTGRES_URL } from '@gongkai/testing';
import { runCleanups } from './cleanup';
import { runFastPathBench } from './fastpath.bench';
import { runGatewayBench } from './gateway.bench';
import { runOutboxBench } from './outbox.bench';
import { runReportsBench } from './reports.bench';
import { formatTable, type BenchReport } from './report';

const USAGE = `Usage: npm run bench [-- <bench>...] [options]

Benches (default: all, in this order):
  outbox    commit events through emitEvent, relay them to JetStream, apply them through the inbox
  gateway   HTTP round trips through the built apps (dist/apps), and the lag until a projection has a write
  reports   the annual report in every format through the built apps, at the seed year's volume and 100 times it
  fastpath  a read by id through the gateway with a campus key, beside its baselines in the same run: a raw NATS
            round trip, a raw pg read, a single-process Fastify + pg server; load from autocannon; CPU per request;
            then a command at a fixed rate, its events' outbox → inbox latency, and lists over 100 × the seed year

Options:
  --events <n>       outbox: events per scenario (default 2000)
  --rate <n>         outbox: commits per second in the paced scenario (default 100)
  --requests <n>     gateway: most requests per phase (default 1000)
  --seconds <n>      gateway: most seconds per phase (default 30); outbox: per scenario x4; fastpath: per saturation row (default 20)
  --concurrency <n>  gateway: requests in flight in the concurrent phases (default 8)
  --samples <n>      gateway: projection-lag samples (default 100)
  --scales <a,b>     reports: volumes as multiples of the seed year (default 1,100)
  --connections <n>  fastpath: HTTP connections at saturation (default 32)
  --fixed-rate <n>   fastpath: requests per second of the fixed-rate row (default 1000)
  --fixed-seconds <n> fastpath: seconds of the fixed-rate row (default 60)
  --command-rate <n> fastpath: cases created per second in the command row (default 300)
  --paced-command-rate <n> fastpath: cases per second of a first command row the machine keeps up with (default 50)
  --command-seconds <n> fastpath: seconds of each command row (default 30)
  --list-rate <n>    fastpath: list requests per second in each list row (default 20: people paging, not machines)
  --list-seconds <n> fastpath: seconds of each list row (default 20)
  --list-scale <n>   fastpath: the lists' volume as a multiple of the seed year (default 100)
  --source-maps      fastpath: run the apps with node --enable-source-maps (as npm start does; the images do not)
  --app-node-args <a> fastpath: more node flags for the apps, space-separated (e.g. "--max-semi-space-size=32")
  --cpu-prof         fastpath: profile the apps and print where the gateway's and permissions' CPU went (tmp/bench/)

Uses NATS_URL and DATABASE_URL's server (default 127.0.0.1) with a fresh run prefix and databases,
and removes them afterwards. The last line printed is the whole result as JSON.
`;

const BENCHES = ['outbox', 'gateway', 'reports', 'fastpath'] as const;
type BenchName = (typeof BENCHES)[number];

function positiveInt(value: string | undefined, fallback: number, name: string): number {
  if (value === undefined) return fallback;
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed <= 0)
    throw new Error(`--${name} needs a positive whole number, not "${value}"`);
  return parsed;
}

/** These figures are loopback figures, and a bench must never load someone else's server. */
function assertLoopback(): void {
  for (const url of [TEST_NATS_URL, TEST_POSTGRES_URL]) {
    const host = new URL(url).hostname;
    if (!['127.0.0.1', 'localhost', '[::1]'].includes(host)) {
      throw new Error(
        `The benches run against 127.0.0.1 only; ${url} is elsewhere (unset NATS_URL / DATABASE_URL)`,
      );
    }
  }
}

function print(report: BenchReport): void {
  if (report.skipped) {
    console.log(`\n${report.bench}: skipped: ${report.skipped}`);
    return;
  }
  for (const table of report.tables) console.log(`\n${formatTable(table)}`);
  for (const note of report.notes) console.log(`  · ${note}`);
  if (!report.ok) console.log(`  ✗ ${report.bench}: the run did not hold up (see above)`);
}

export async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      events: { type: 'string' },
      rate: { type: 'string' },
      requests: { type: 'string' },
      seconds: { type: 'string' },
      concurrency: { type: 'string' },
      samples: { type: 'string' },
      scales: { type: 'string' },
      connections: { type: 'string' },
      'fixed-rate': { type: 'string' },
      'fixed-seconds': { type: 'string' },
      'command-rate': { type: 'string' },
      'command-seconds': { type: 'string' },
      'paced-command-rate': { type: 'string' },
      'list-rate': { type: 'string' },
      'list-seconds': { type: 'string' },
      'list-scale': { type: 'string' },
      'source-maps': { type: 'boolean' },
      'app-node-args': { type: 'string' },
      'cpu-prof': { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const unknown = positionals.filter((name) => !(BENCHES as readonly string[]).includes(name));
  if (unknown.length > 0) throw new Error(`Unknown bench ${unknown.join(', ')}\n\n${USAGE}`);
  const selected = BENCHES.filter((name) => positionals.length === 0 || positionals.includes(name));
  const seconds = positiveInt(values.seconds, 30, 'seconds');
  assertLoopback();

  // The messaging library logs through Nest; its info lines would break up the tables.
  Logger.overrideLogger(['error', 'warn']);
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      console.error(`\n${signal}: cleaning up`);
      void runCleanups().finally(() => process.exit(130));
    });
  }

  const runners: Record<BenchName, () => Promise<BenchReport>> = {
    outbox: () =>
      runOutboxBench({
        events: positiveInt(values.events, 2000, 'events'),
        paceRate: positiveInt(values.rate, 100, 'rate'),
        timeoutMs: seconds * 4 * 1000,
      }),
    gateway: () =>
      runGatewayBench({
        requests: positiveInt(values.requests, 1000, 'requests'),
        phaseMs: seconds * 1000,
        concurrency: positiveInt(values.concurrency, 8, 'concurrency'),
        projectionSamples: positiveInt(values.samples, 100, 'samples'),
      }),
    reports: () =>
      runReportsBench({
        scales: (values.scales ?? '1,100').split(',').map((scale) => positiveInt(scale.trim(), 1, 'scales')),
        repeats: 3,
      }),
    fastpath: () =>
      runFastPathBench({
        saturationSeconds: positiveInt(values.seconds, 20, 'seconds'),
        fixedSeconds: positiveInt(values['fixed-seconds'], 60, 'fixed-seconds'),
        fixedRate: positiveInt(values['fixed-rate'], 1000, 'fixed-rate'),
        connections: positiveInt(values.connections, 32, 'connections'),
        commandRate: positiveInt(values['command-rate'], 300, 'command-rate'),
        pacedCommandRate: positiveInt(values['paced-command-rate'], 50, 'paced-command-rate'),
        commandSeconds: positiveInt(values['command-seconds'], 30, 'command-seconds'),
        listRate: positiveInt(values['list-rate'], 20, 'list-rate'),
        listSeconds: positiveInt(values['list-seconds'], 20, 'list-seconds'),
        listScale: positiveInt(values['list-scale'], 100, 'list-scale'),
        sourceMaps: values['source-maps'] ?? false,
        appNodeArgs: (values['app-node-args'] ?? '').split(' ').filter(Boolean),
        cpuProfile: values['cpu-prof'] ?? false,
      }),
  };

  const startedAt = new Date();
  const loadBefore = loadavg()[0] ?? Number.NaN;
  console.log(
    `gongkai bench, ${startedAt.toISOString()}: ${cpus().length} cores, load ${loadBefore.toFixed(2)}, Node ${process.version}, NATS ${TEST_NATS_URL}`,
  );
  const results: Record<string, unknown> = {};
  let ok = true;
  for (const name of selected) {
    try {
      const report = await runners[name]();
      print(report);
      ok &&= report.ok;
      results[name] = { ok: report.ok, skipped: report.skipped, ...report.data };
    } catch (error) {
      ok = false;
      console.error(
        `\n${name}: failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
      );
      results[name] = { ok: false, error: error instanceof Error ? error.message : String(error) };
    } finally {
      // Whatever a bench started (apps, databases, streams) ends with it, also when it failed.
      await runCleanups();
    }
  }
  // The machine is shared: the 1-minute load average says how much else was running.
  const loadAfter = loadavg()[0] ?? Number.NaN;
  console.log(`\nload average (1 min): ${loadBefore.toFixed(2)} before, ${loadAfter.toFixed(2)} after`);
  console.log(
    JSON.stringify({
      bench: 'gongkai',
      date: startedAt.toISOString(),
      cores: cpus().length,
      load1: { before: loadBefore, after: loadAfter },
      node: process.version,
      ok,
      results,
    }),
  );
  return ok ? 0 : 1;
}
