import type { Table } from '../report';
import type { LoadResult } from './load';
import { CpuMeter } from './process-cpu';

export interface LoadRow {
  name: string;
  result: LoadResult;
  /** CPU ms per request, per process group. */
  cpuPerRequest: Record<string, number>;
}

/** One load row: the load from a second process, and the CPU each process group spent on it. */
export async function measured(
  name: string,
  groups: Record<string, () => number[]>,
  load: () => Promise<LoadResult>,
): Promise<LoadRow> {
  const meter = new CpuMeter(groups);
  meter.start();
  const result = await load();
  const used = meter.stop();
  const cpuPerRequest: Record<string, number> = {};
  for (const [group, ms] of Object.entries(used))
    cpuPerRequest[group] = result.requests > 0 ? ms / result.requests : Number.NaN;
  return { name, result, cpuPerRequest };
}

/** Two loads run side by side as one row: counts add up; latencies are the worse of the two. */
export function combined(results: readonly LoadResult[]): LoadResult {
  const sum = (pick: (result: LoadResult) => number) => results.reduce((total, r) => total + pick(r), 0);
  const worst = (pick: (result: LoadResult) => number) => Math.max(...results.map(pick));
  return {
    requests: sum((r) => r.requests),
    perSec: sum((r) => r.perSec),
    errors: sum((r) => r.errors),
    p50: worst((r) => r.p50),
    p90: worst((r) => r.p90),
    p99: worst((r) => r.p99),
    max: worst((r) => r.max),
  };
}

/** A row's CPU per request in one group, as the tables print it (blank when not measured). */
export const cpuCell = (row: LoadRow, group: string) =>
  row.cpuPerRequest[group] === undefined ? '' : (row.cpuPerRequest[group] as number).toFixed(3);

/** A table of load rows: counts, latencies (ms) and the CPU per request of each process group named. */
export function loadTable(
  title: string,
  firstColumn: string,
  rows: readonly LoadRow[],
  cpuGroups: readonly string[],
): Table {
  return {
    title,
    columns: [
      firstColumn,
      'requests',
      'errors',
      'req/s',
      'p50',
      'p90',
      'p99',
      'max',
      ...cpuGroups.map((group) => `cpu ${group}`),
    ],
    rows: rows.map((row) => [
      row.name,
      row.result.requests,
      row.result.errors,
      Math.round(row.result.perSec),
      row.result.p50,
      row.result.p90,
      row.result.p99,
      row.result.max,
      ...cpuGroups.map((group) => cpuCell(row, group)),
    ]),
  };
}
