import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { AnnualReport, ProjectionStatus } from '@gongkai/contracts';
import type { GatewayClient } from './gateway-client';
import { ACADEMIC_YEAR, SEED_FIGURES } from './seed-year';

export interface ReportOutput {
  report: AnnualReport;
  files: string[];
  /** Seed figures the report does not reproduce (empty when it does). */
  mismatches: string[];
  /** How long the reports service took to answer the JSON report, once caught up. */
  generationMs: number;
}

/**
 * Waits until the reports service has folded every event of the year (its projections caught up
 * with the streams and the report's complaint count complete), then fetches the report in every
 * format, writes them to `outDir`, and compares the seed's figures.
 */
export async function writeAnnualReport(
  gateway: GatewayClient,
  outDir: string,
  expectedComplaints: number,
): Promise<ReportOutput> {
  const path = `/reports/annual/${ACADEMIC_YEAR}`;
  await gateway.until(
    'the reports service to fold every event of the year',
    async () => {
      const status = await gateway.expect<ProjectionStatus>(200, 'GET', '/reports/status');
      if (!status.caughtUp) return null;
      const report = await gateway.expect<AnnualReport>(200, 'GET', path);
      const received = report.figures.find((figure) => figure.id === 'service.complaints.received');
      return received?.value === expectedComplaints ? true : null;
    },
    600_000,
  );
  const started = performance.now();
  const explained = await gateway.expect<AnnualReport>(200, 'GET', `${path}?explain=true`);
  const generationMs = performance.now() - started;

  await mkdir(outDir, { recursive: true });
  const files: string[] = [];
  const save = async (name: string, content: string | Buffer) => {
    const file = join(outDir, name);
    await writeFile(file, content);
    files.push(file);
  };
  await save(`annual-report-${ACADEMIC_YEAR}.json`, `${JSON.stringify(explained, null, 2)}\n`);
  for (const format of ['md', 'html', 'docx'] as const) {
    const answer = await gateway.send<string>('GET', `${path}?format=${format}`, { binary: true });
    if (answer.status !== 200)
      throw new Error(`GET ${path}?format=${format}: ${answer.status} ${answer.body}`);
    await save(`annual-report-${ACADEMIC_YEAR}.${format}`, answer.bytes);
  }

  const valueOf = (id: string) => explained.figures.find((figure) => figure.id === id)?.value ?? null;
  const mismatches = SEED_FIGURES.filter((figure) => !figure.holds(valueOf(figure.id))).map(
    (figure) => `${figure.id}: the seed says “${figure.seed}”, the report ${valueOf(figure.id)}`,
  );
  return { report: explained, files, mismatches, generationMs };
}

/** Every figure with its value, the rule that produced it and where to list what it counts. */
export function describeFigures(report: AnnualReport, gatewayUrl: string): string[] {
  const explanations = new Map((report.explanations ?? []).map((entry) => [entry.figureId, entry]));
  return report.figures.map((figure) => {
    const value =
      figure.value === null
        ? '—'
        : figure.unit === 'rate'
          ? `${(figure.value * 100).toFixed(2)} %`
          : String(figure.value);
    const explanation = explanations.get(figure.id);
    return [
      `  ${figure.label}（${figure.id}）= ${value}`,
      explanation ? `      ${explanation.rule}` : '',
      explanation ? `      ${explanation.itemCount} items: ${gatewayUrl}${explanation.itemsHref}` : '',
    ]
      .filter(Boolean)
      .join('\n');
  });
}

/** The seed's figures next to the report's. */
export function compareWithSeed(report: AnnualReport): string[] {
  return SEED_FIGURES.map((figure) => {
    const value = report.figures.find((entry) => entry.id === figure.id)?.value ?? null;
    const shown =
      value === null ? '—' : value < 1 && value > 0 ? `${(value * 100).toFixed(2)} %` : String(value);
    return `  ${figure.holds(value) ? '✓' : '✗'} ${figure.seed.padEnd(14, '　')} report: ${shown}  (${figure.id})`;
  });
}
