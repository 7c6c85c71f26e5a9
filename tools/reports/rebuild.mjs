#!/usr/bin/env node
// npm run reports:rebuild — drop the reports projections and replay every event stream from its
// start, through the gateway's ops route, then follow the replay until the projections caught up.
// GATEWAY_URL (default http://127.0.0.1:3000) and the admin key from BOOTSTRAP_ADMIN_API_KEY or
// .data/bootstrap-admin-key (what `npm start` writes).
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const base = (process.env.GATEWAY_URL ?? 'http://127.0.0.1:3000').replace(/\/$/, '');
const keyFile = join(process.cwd(), '.data', 'bootstrap-admin-key');
const apiKey =
  process.env.BOOTSTRAP_ADMIN_API_KEY ?? (existsSync(keyFile) ? readFileSync(keyFile, 'utf8').trim() : '');
if (!apiKey) {
  console.error(
    'No admin key: set BOOTSTRAP_ADMIN_API_KEY, or run `npm start` once so .data/bootstrap-admin-key exists.',
  );
  process.exit(1);
}
const timeoutMs = Number(process.env.REBUILD_TIMEOUT_MS ?? 30 * 60_000);

async function call(method, path) {
  const response = await fetch(`${base}/api/v1${path}`, {
    method,
    headers: { 'x-api-key': apiKey, ...(method === 'POST' ? { 'content-type': 'application/json' } : {}) },
    body: method === 'POST' ? '{}' : undefined,
  });
  const body = await response.json().catch(() => null);
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${JSON.stringify(body)}`);
  return body;
}

const describe = (status) =>
  status.consumers
    .map((entry) => `${entry.consumer} ${entry.pending} pending, ${entry.held} held`)
    .join('; ');

const started = Date.now();
try {
  const first = await call('POST', '/reports/rebuild');
  console.log(`Projections dropped; replaying: ${describe(first)}`);
  for (;;) {
    const status = await call('GET', '/reports/status');
    if (status.caughtUp) {
      console.log(`Caught up in ${((Date.now() - started) / 1000).toFixed(1)} s: ${describe(status)}`);
      break;
    }
    if (Date.now() - started > timeoutMs)
      throw new Error(`Not caught up after ${timeoutMs} ms: ${describe(status)}`);
    console.log(`  … ${describe(status)}`);
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}
