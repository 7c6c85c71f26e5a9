import { performance } from 'node:perf_hooks';
import { Client } from 'pg';
import { startSystem } from '@gongkai/testing';
import { onCleanup } from './cleanup';
import { reportsYearSql } from './reports-data.sql';
import type { BenchReport } from './report';
import { round } from './stats';

export interface ReportsBenchOptions {
  /** Volumes to measure, as multiples of the seed year (1254 complaints, 50 items). */
  scales: number[];
  /** Requests per format and volume (the median is reported). */
  repeats: number;
}

const YEAR_PATH = '/api/v1/reports/annual/2023-2024';
const FORMATS = [
  ['JSON', ''],
  ['JSON, explained', '?explain=true'],
  ['Markdown', '?format=md'],
  ['HTML (chart)', '?format=html'],
  ['DOCX', '?format=docx'],
] as const;

async function waitUntilFolded(database: Client, logs: () => string): Promise<void> {
  const started = Date.now();
  for (;;) {
    if (Date.now() - started > 1_800_000)
      throw new Error(`report_case was not filled within 30 minutes; the reports service said:\n${logs()}`);
    const { rows } = await database.query<{ missing: string }>(
      `SELECT count(DISTINCT e.case_id) AS missing FROM report_case_event e
       WHERE NOT EXISTS (SELECT 1 FROM report_case c WHERE c.case_id = e.case_id)`,
    );
    if (Number(rows[0]?.missing) === 0) return;
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? NaN;

/**
 * The annual report's generation time through the gateway and the built reports service, for the
 * seed year's volume and for multiples of it: the projections are filled with SQL shaped as the
 * consumers write them (the fold, the figures and the renderers are what is measured).
 */
export async function runReportsBench(options: ReportsBenchOptions): Promise<BenchReport> {
  const system = await startSystem({
    extraEnv: {
      RATE_LIMIT_PER_MINUTE: '10000000',
      // A report over 100 times the seed's volume is measured, not cut off by the usual limits.
      REQUEST_TIMEOUT_MS: '300000',
      HTTP_REQUEST_TIMEOUT_MS: '300000',
    },
  });
  onCleanup('stop the apps and drop their databases and streams', () => system.stop());
  const database = new Client({ connectionString: system.env['REPORTS_DATABASE_URL'] });
  await database.connect();
  onCleanup('close the reports database connection', () => database.end());

  const rows: (string | number)[][] = [];
  const data: Record<string, unknown> = {};
  let filled = 0;
  const problems: string[] = [];
  for (const scale of [...options.scales].sort((a, b) => a - b)) {
    const fillStarted = performance.now();
    for (const statement of reportsYearSql({ from: filled, to: scale })) await database.query(statement);
    filled = scale;
    // Rows written behind the service's back are folded into report_case by its start-up backfill.
    await system.restart('reports');
    await waitUntilFolded(database, () => system.logsOf('reports'));
    await database.query('ANALYZE');
    const fillMs = performance.now() - fillStarted;
    console.log(
      `  reports: ${scale}× the seed year in the projections, folded by the service (${Math.round(fillMs / 1000)} s); asking for the report`,
    );
    const counts = await database.query<{ events: string; cases: string }>(
      'SELECT count(*) AS events, count(DISTINCT case_id) AS cases FROM report_case_event',
    );
    const measured: Record<string, { ms: number; bytes: number; status: number }> = {};
    for (const [name, query] of FORMATS) {
      const times: number[] = [];
      let bytes = 0;
      let status = 0;
      for (let attempt = 0; attempt < options.repeats; attempt += 1) {
        const started = performance.now();
        try {
          const response = await fetch(`${system.baseUrl}${YEAR_PATH}${query}`, {
            headers: { 'x-api-key': system.adminKey },
          });
          const body = Buffer.from(await response.arrayBuffer());
          bytes = body.length;
          status = response.status;
          if (status !== 200)
            problems.push(`${scale}× ${name}: ${status} ${body.toString('utf8').slice(0, 300)}`);
        } catch (error) {
          status = 0;
          problems.push(`${scale}× ${name}: no answer (${String((error as Error).cause ?? error)})`);
        }
        times.push(performance.now() - started);
      }
      measured[name] = { ms: median(times), bytes, status };
      console.log(`    ${name}: ${status}, ${Math.round(median(times))} ms, ${Math.round(bytes / 1024)} KiB`);
      rows.push([
        `${scale}× (${counts.rows[0]?.cases} cases, ${50 * scale} items)`,
        name,
        status,
        round(median(times), 0),
        round(bytes / 1024, 0),
      ]);
    }
    data[`scale${scale}`] = { fillMs: round(fillMs, 0), events: Number(counts.rows[0]?.events), ...measured };
  }
  const failed = rows.filter((row) => row[2] !== 200);
  return {
    bench: 'reports',
    ok: failed.length === 0,
    tables: [
      {
        title: `GET ${YEAR_PATH} through the gateway (median of ${options.repeats})`,
        columns: ['volume', 'format', 'status', 'ms', 'KiB'],
        rows,
      },
    ],
    notes: [
      "Events written by SQL in the consumer's row shape (7 per complaint, 20 of every 1254 still open), folded into report_case by the service's start-up backfill; request timeouts raised to 300 s.",
      ...[...new Set(problems)],
    ],
    data,
  };
}
