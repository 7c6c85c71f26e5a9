import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { compareWithSeed, describeFigures, writeAnnualReport } from './annual-report-output';
import { mergeLogistics, setUpCampus } from './campus-setup';
import { answerApplications, receiveComplaints, workComplaints } from './complaint-year';
import { GatewayClient } from './gateway-client';
import { ACADEMIC_YEAR, ROUNDS } from './seed-year';
import { planUpdates, workRound } from './update-rounds';

const USAGE = `Usage: npm run demo [-- options]

Replays an academic year shaped like the seed report (${ACADEMIC_YEAR}) into a running system, through
the gateway's API only, with back-dated business times: departments and people, the October and June
update rounds (45 items updated), a merge that revises 6 responsibility entries, 1254 complaints
(882 from the city's 12345, 372 on campus, completion above 98 %), 5 applications answered in time.
Then fetches the annual report as JSON, Markdown, HTML and DOCX, writes them, compares the seed's
figures and prints where each figure came from.

Start the system first (\`npm start\`, a fresh .data/). The gateway limits each API key to
RATE_LIMIT_PER_MINUTE (default 600) requests a minute and the demo sends about 9,000: it waits when
told to; \`RATE_LIMIT_PER_MINUTE=100000 npm start\` makes it take a few minutes instead of ~15.

Options:
  --gateway <url>   the gateway (default GATEWAY_URL or http://127.0.0.1:3000)
  --key <key>       an admin API key (default BOOTSTRAP_ADMIN_API_KEY or .data/bootstrap-admin-key)
  --out <dir>       where the report files go (default tmp/demo)
  --quiet           do not print every figure's explanation
`;

export interface DemoOptions {
  gatewayUrl: string;
  apiKey: string;
  outDir: string;
  explain: boolean;
}

export interface DemoResult {
  ok: boolean;
  seconds: number;
  reportMs: number;
  files: string[];
  mismatches: string[];
  requests: number;
}

/** The whole demo against the gateway at `options.gatewayUrl`; printed as it goes. */
export async function runDemo(options: DemoOptions): Promise<DemoResult> {
  const started = Date.now();
  const gateway = new GatewayClient(options.gatewayUrl, options.apiKey, (text) => console.log(`  ! ${text}`));
  const ready = await fetch(`${options.gatewayUrl}/readyz`).catch(() => null);
  if (!ready?.ok)
    throw new Error(
      `The system at ${options.gatewayUrl} is not ready (GET /readyz). Start it with \`npm start\` first.`,
    );

  console.log(`Replaying ${ACADEMIC_YEAR} into ${options.gatewayUrl}`);
  console.log('1. The university: departments, people, roles and responsibilities');
  const campus = await setUpCampus(gateway);
  const updates = planUpdates(campus.items);

  console.log('2. Active disclosure: the October round, the March merge, the June round');
  const [autumn, spring] = ROUNDS as [(typeof ROUNDS)[0], (typeof ROUNDS)[0]];
  await workRound(gateway, campus, autumn, updates.autumn.scope, updates.autumn.updated);
  const merged = await mergeLogistics(gateway, campus);
  console.log(`  ✓ merge: 后勤处 + 基建处 → ${merged.name}, their items follow`);
  await workRound(gateway, campus, spring, 'all', updates.spring);

  console.log('3. 接诉即办 and applications for disclosure');
  const complaints = await receiveComplaints(gateway);
  const worked = await workComplaints(gateway, campus, complaints);
  await answerApplications(gateway);

  console.log('4. The annual report');
  const output = await writeAnnualReport(gateway, options.outDir, worked.received);
  for (const file of output.files) console.log(`  wrote ${file}`);
  console.log(`  the reports service answered the explained JSON in ${output.generationMs.toFixed(0)} ms`);
  if (options.explain) {
    console.log('\nWhere each figure came from:');
    for (const line of describeFigures(output.report, options.gatewayUrl)) console.log(line);
  }
  console.log('\nThe seed report’s figures:');
  for (const line of compareWithSeed(output.report)) console.log(line);
  const seconds = (Date.now() - started) / 1000;
  console.log(
    `\n${output.mismatches.length === 0 ? 'Reproduced' : 'Did NOT reproduce'} the seed year in ${seconds.toFixed(0)} s ` +
      `(${gateway.requests} requests${gateway.waitedForRateLimit ? `, ${gateway.waitedForRateLimit} s waiting for the rate limit` : ''}).`,
  );
  return {
    ok: output.mismatches.length === 0,
    seconds,
    reportMs: output.generationMs,
    files: output.files,
    mismatches: output.mismatches,
    requests: gateway.requests,
  };
}

export async function main(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      gateway: { type: 'string' },
      key: { type: 'string' },
      out: { type: 'string' },
      quiet: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const keyFile = join(process.cwd(), '.data', 'bootstrap-admin-key');
  const apiKey =
    values.key ??
    process.env['BOOTSTRAP_ADMIN_API_KEY'] ??
    (existsSync(keyFile) ? readFileSync(keyFile, 'utf8').trim() : '');
  if (!apiKey) {
    console.error(
      'No admin key: pass --key, set BOOTSTRAP_ADMIN_API_KEY, or run `npm start` once so .data/bootstrap-admin-key exists.',
    );
    return 2;
  }
  const result = await runDemo({
    gatewayUrl: (values.gateway ?? process.env['GATEWAY_URL'] ?? 'http://127.0.0.1:3000').replace(/\/$/, ''),
    apiKey,
    outDir: resolve(values.out ?? join('tmp', 'demo')),
    explain: !values.quiet,
  });
  return result.ok ? 0 : 1;
}
