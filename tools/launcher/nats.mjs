// NATS: use NATS_URL when a server with JetStream answers there, else run `nats-server -js` from PATH
// with one user per app (tools/docker/nats-users.conf) and passwords kept in .data/nats-passwords.json.
import { randomBytes } from 'node:crypto';
import { accessSync, constants, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { delimiter, join } from 'node:path';
import { describeExit, findStaleProcess, spawnManaged, terminatePid } from './processes.mjs';
import { freePort, waitFor } from './wait.mjs';
import { say, warn } from './output.mjs';
import { APPS } from './apps.mjs';

export const DEFAULT_NATS_URL = 'nats://127.0.0.1:4222';

/**
 * Speaks just enough of the NATS protocol to know a server is there: reads its INFO, sends
 * CONNECT + PING and waits for PONG.
 * @returns {Promise<{ ok: true, jetstream: boolean } | { ok: false, reason: string }>}
 */
export function probeNats(natsUrl, timeoutMs = 1500) {
  const first = natsUrl.split(',')[0]?.trim() ?? '';
  let url;
  try {
    url = new URL(first.includes('://') ? first : `nats://${first}`);
  } catch {
    return Promise.resolve({ ok: false, reason: `cannot parse ${first}` });
  }
  const port = Number(url.port || 4222);
  const host = url.hostname.replace(/^\[|\]$/g, '');
  return new Promise((resolve) => {
    let buffer = '';
    let info = null;
    const socket = connect({ host, port });
    const done = (result) => {
      clearTimeout(timer);
      socket.destroy();
      resolve(result);
    };
    const timer = setTimeout(() => done({ ok: false, reason: 'no answer' }), timeoutMs);
    socket.on('error', (error) => done({ ok: false, reason: error.code ?? error.message }));
    socket.on('data', (chunk) => {
      buffer += chunk.toString('utf8');
      if (!info) {
        const match = /^INFO\s+(\{.*\})\s*\r\n/.exec(buffer);
        if (!match) return;
        buffer = buffer.slice(match[0].length);
        try {
          info = JSON.parse(match[1] ?? '{}');
        } catch {
          return done({ ok: false, reason: 'not a NATS server' });
        }
        // A TLS handshake is beyond this probe: the server is there, trust the URL.
        if (info.tls_required) return done({ ok: true, jetstream: Boolean(info.jetstream) });
        const credentials = url.username
          ? url.password
            ? { user: decodeURIComponent(url.username), pass: decodeURIComponent(url.password) }
            : { auth_token: decodeURIComponent(url.username) }
          : {};
        socket.write(
          `CONNECT ${JSON.stringify({ verbose: false, pedantic: false, ...credentials })}\r\nPING\r\n`,
        );
      }
      if (buffer.includes('PONG\r\n')) done({ ok: true, jetstream: Boolean(info.jetstream) });
      else if (buffer.startsWith('-ERR')) done({ ok: false, reason: buffer.trim() });
    });
  });
}

function findOnPath(command) {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    const candidate = join(dir, command);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // keep looking
    }
  }
  return null;
}

const INSTALL_HINT = [
  'nats-server was not found on PATH, and nothing answers at NATS_URL. Either:',
  '  - install it: `sudo apt-get install nats-server` (Debian/Ubuntu), `brew install nats-server` (macOS),',
  '    or download a release from https://github.com/nats-io/nats-server/releases and put it on PATH;',
  '  - or point NATS_URL at a running NATS server with JetStream (`nats-server -js`).',
].join('\n');

const passwordVariableOf = (app) => `${app.toUpperCase()}_NATS_PASSWORD`;
/** What the apps accept as NATS_PASSWORD (libs/config): nats-server would read a leading digit as a number. */
const NATS_PASSWORD_PATTERN = /^[A-Za-z][A-Za-z0-9]{15,}$/;

/** Each app's NATS password, generated on the first run and kept (the server's users must not change under the apps). */
function localPasswords(root) {
  const file = join(root, '.data', 'nats-passwords.json');
  const kept = existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : {};
  // nats-server reads each password from its environment as a config value: a letter, then letters and digits.
  const usable = (password) => typeof password === 'string' && NATS_PASSWORD_PATTERN.test(password);
  const passwords = Object.fromEntries(
    APPS.map((app) => [app, usable(kept[app]) ? kept[app] : `n${randomBytes(24).toString('hex')}`]),
  );
  writeFileSync(file, `${JSON.stringify(passwords, null, 2)}\n`, { mode: 0o600 });
  return passwords;
}

/** `<APP>_NATS_PASSWORD` for every app when all are set (a NATS_URL server with users), else null. */
function passwordsFromEnv(env) {
  const entries = APPS.map((app) => [app, env[passwordVariableOf(app)]]);
  return entries.every(([, password]) => password) ? Object.fromEntries(entries) : null;
}

/**
 * @param {{ root: string, env: NodeJS.ProcessEnv }} options
 * @returns {Promise<{ url: string, stop: () => Promise<void>, passwords: Record<string, string> | null }>}
 *   `passwords`: each app logs in as the user named after it (NATS_USER) with its password; null = no login.
 */
export async function provideNats({ root, env }) {
  const explicit = Boolean(env.NATS_URL);
  const wanted = env.NATS_URL || DEFAULT_NATS_URL;
  const passwords = passwordsFromEnv(env);
  const probe = await probeNats(passwords ? withUser(wanted, 'gateway', passwords.gateway) : wanted);
  if (probe.ok && probe.jetstream) {
    say(
      `NATS: using ${wanted}${passwords ? ' (one user per app, passwords from <APP>_NATS_PASSWORD)' : ' without users (any client may publish anything)'}`,
    );
    return { url: wanted, stop: async () => {}, passwords };
  }
  const problem = probe.ok
    ? 'answers but has no JetStream (start it with -js)'
    : `does not answer (${probe.reason})`;
  if (explicit && probe.ok) throw new Error(`NATS_URL=${wanted} ${problem}`);
  (explicit ? warn : say)(`NATS: ${wanted} ${problem}; starting a local nats-server`);
  return startNatsServer(root, env);
}

function withUser(natsUrl, user, password) {
  const url = new URL(
    natsUrl
      .split(',')[0]
      .trim()
      .replace(/^(?![a-z]+:\/\/)/, 'nats://'),
  );
  url.username = user;
  url.password = password;
  return url.toString();
}

async function startNatsServer(root, env) {
  const binary = findOnPath('nats-server');
  if (!binary) throw new Error(INSTALL_HINT);
  const storeDir = join(root, '.data', 'nats');
  const pidFile = join(storeDir, 'nats-server.pid');
  mkdirSync(storeDir, { recursive: true });
  const stale = findStaleProcess(pidFile, storeDir);
  if (stale) {
    warn(`NATS: stopping nats-server ${stale} left running by an earlier launch`);
    await terminatePid(stale);
  }
  const port = await freePort();
  const url = `nats://127.0.0.1:${port}`;
  // The users file names subjects without a deployment prefix; with NATS_PREFIX the server runs without users.
  const passwords = env.NATS_PREFIX ? null : localPasswords(root);
  if (!passwords) warn('NATS: NATS_PREFIX is set, so the local nats-server runs without per-app users');
  const usersFile = join(root, 'tools', 'docker', 'nats-users.conf');
  const server = spawnManaged(
    'nats',
    binary,
    [
      ...(passwords ? ['-c', usersFile] : []),
      ...['-js', '-sd', storeDir, '-a', '127.0.0.1', '-p', String(port), '-P', pidFile],
    ],
    {
      cwd: root,
      echo: false,
      env: {
        ...process.env,
        ...(passwords
          ? Object.fromEntries(APPS.map((app) => [passwordVariableOf(app), passwords[app]]))
          : {}),
      },
    },
  );
  const probeUrl = passwords ? withUser(url, 'gateway', passwords.gateway) : url;
  try {
    await waitFor(async () => (await probeNats(probeUrl)).ok, {
      timeoutMs: 15_000,
      what: 'nats-server',
      abort: () => (server.exitStatus() ? describeExit(server.exitStatus()) : undefined),
    });
  } catch (error) {
    await server.stop();
    throw new Error(`${error.message}\n${server.out.lastLines().join('\n')}`);
  }
  say(
    `NATS: started nats-server on ${url} (JetStream store ${storeDir}${passwords ? '; one user per app, passwords in .data/nats-passwords.json' : ''})`,
  );
  return { url, stop: () => server.stop(), process: server, passwords };
}
