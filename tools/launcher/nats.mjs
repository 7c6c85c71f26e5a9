// NATS: use NATS_URL when a server with JetStream answers there, else run `nats-server -js` from PATH.
import { accessSync, constants, mkdirSync } from 'node:fs';
import { connect } from 'node:net';
import { delimiter, join } from 'node:path';
import { describeExit, findStaleProcess, spawnManaged, terminatePid } from './processes.mjs';
import { freePort, waitFor } from './wait.mjs';
import { say, warn } from './output.mjs';

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

/**
 * @param {{ root: string, env: NodeJS.ProcessEnv }} options
 * @returns {Promise<{ url: string, stop: () => Promise<void> }>}
 */
export async function provideNats({ root, env }) {
  const explicit = Boolean(env.NATS_URL);
  const wanted = env.NATS_URL || DEFAULT_NATS_URL;
  const probe = await probeNats(wanted);
  if (probe.ok && probe.jetstream) {
    say(`NATS: using ${wanted}`);
    return { url: wanted, stop: async () => {} };
  }
  const problem = probe.ok
    ? 'answers but has no JetStream (start it with -js)'
    : `does not answer (${probe.reason})`;
  if (explicit && probe.ok) throw new Error(`NATS_URL=${wanted} ${problem}`);
  (explicit ? warn : say)(`NATS: ${wanted} ${problem}; starting a local nats-server`);
  return startNatsServer(root);
}

async function startNatsServer(root) {
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
  const server = spawnManaged(
    'nats',
    binary,
    ['-js', '-sd', storeDir, '-a', '127.0.0.1', '-p', String(port), '-P', pidFile],
    { cwd: root, echo: false },
  );
  try {
    await waitFor(async () => (await probeNats(url)).ok, {
      timeoutMs: 15_000,
      what: 'nats-server',
      abort: () => (server.exitStatus() ? describeExit(server.exitStatus()) : undefined),
    });
  } catch (error) {
    await server.stop();
    throw new Error(`${error.message}\n${server.out.lastLines().join('\n')}`);
  }
  say(`NATS: started nats-server on ${url} (JetStream store ${storeDir})`);
  return { url, stop: () => server.stop(), process: server };
}
