import { spawn } from 'node:child_process';
import { join } from 'node:path';

export interface LoadOptions {
  url: string;
  headers: Record<string, string>;
  connections: number;
  seconds: number;
  /** Requests per second over all connections; saturation (as fast as answers come) without it. */
  rate?: number;
  /** A JSON body sent with POST on every request (GET without it). */
  jsonBody?: unknown;
}

export interface LoadResult {
  requests: number;
  perSec: number;
  /** Answers other than 2xx, connection errors and timeouts. */
  errors: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
}

interface AutocannonJson {
  duration: number;
  errors: number;
  timeouts: number;
  non2xx: number;
  latency: { p50: number; p90: number; p99: number; max: number; totalCount: number };
  requests: { total: number };
}

/**
 * Load from a second process with the maintained tool (autocannon's CLI, JSON out), so the
 * load's own CPU is not the measured process's. At a fixed rate the latencies are corrected for
 * coordinated omission (autocannon's default): a stalled answer counts for the requests it held up.
 */
export function runLoad(root: string, options: LoadOptions): Promise<LoadResult> {
  const args = [
    join(root, 'node_modules', 'autocannon', 'autocannon.js'),
    '--json',
    '--connections',
    String(options.connections),
    '--duration',
    String(options.seconds),
    '--timeout',
    '10',
    ...Object.entries(options.headers).flatMap(([name, value]) => ['--headers', `${name}=${value}`]),
    ...(options.rate ? ['--overallRate', String(options.rate)] : []),
    ...(options.jsonBody === undefined
      ? []
      : [
          '--method',
          'POST',
          '--headers',
          'content-type=application/json',
          '--body',
          JSON.stringify(options.jsonBody),
        ]),
    options.url,
  ];
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.once('error', reject);
    child.once('exit', (code) => {
      try {
        const result = JSON.parse(out) as AutocannonJson;
        resolve({
          requests: result.requests.total,
          // latency.totalCount holds the samples added for coordinated omission at a fixed rate.
          perSec: result.requests.total / result.duration,
          errors: result.errors + result.timeouts + result.non2xx,
          p50: result.latency.p50,
          p90: result.latency.p90,
          p99: result.latency.p99,
          max: result.latency.max,
        });
      } catch {
        reject(new Error(`autocannon exited ${code} without a result:\n${err.slice(-2000)}`));
      }
    });
  });
}
