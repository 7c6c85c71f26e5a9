import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './free-port';

export interface PrivateNatsServer {
  url: string;
  port: number;
  storeDir: string;
  readonly running: boolean;
  /** Starts (again) on the same port and store; resolves once the server is ready. */
  start(): Promise<void>;
  /** Ends the server: SIGKILL (a crash, the default) or SIGTERM (a clean stop). */
  stop(signal?: NodeJS.Signals): Promise<void>;
  /** Deletes the JetStream store (streams, consumers, messages): a server that lost its disk. */
  wipeStore(): void;
  /** Stops the server and removes its store. */
  dispose(): Promise<void>;
}

/** `nats-server` from PATH, or NATS_SERVER_BIN (the Debian package puts it in /usr/sbin). */
const NATS_SERVER_BIN = process.env['NATS_SERVER_BIN'] ?? 'nats-server';

/**
 * A `nats-server -js` of the test's own, on a free loopback port with its own store, that a test
 * may kill and start again: outage tests never touch the shared server on 4222.
 */
export async function startPrivateNatsServer(
  options: {
    /** More command-line arguments, e.g. `['-c', file]` for JetStream sync settings. */
    extraArgs?: readonly string[];
  } = {},
): Promise<PrivateNatsServer> {
  const port = await freePort();
  const storeDir = mkdtempSync(join(tmpdir(), 'gongkai-nats-'));
  let child: ChildProcess | null = null;
  let output: string[] = [];

  const start = async () => {
    if (child) throw new Error('The private nats-server is already running');
    output = [];
    const spawned = spawn(
      NATS_SERVER_BIN,
      ['-js', '-a', '127.0.0.1', '-p', String(port), '-sd', storeDir, ...(options.extraArgs ?? [])],
      {
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    child = spawned;
    spawned.once('exit', () => {
      if (child === spawned) child = null;
    });
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`nats-server did not become ready:\n${output.join('')}`)),
        15000,
      );
      const onData = (chunk: Buffer) => {
        output.push(chunk.toString());
        if (output.join('').includes('Server is ready')) {
          clearTimeout(timer);
          resolve();
        }
      };
      spawned.stdout?.on('data', onData);
      spawned.stderr?.on('data', onData);
      spawned.once('error', (error) => {
        clearTimeout(timer);
        reject(error);
      });
      spawned.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`nats-server exited with ${code}:\n${output.join('')}`));
      });
    });
  };

  const stop = async (signal: NodeJS.Signals = 'SIGKILL') => {
    const running = child;
    if (!running) return;
    await new Promise<void>((resolve) => {
      running.once('exit', () => resolve());
      running.kill(signal);
    });
    child = null;
  };

  await start();
  return {
    url: `nats://127.0.0.1:${port}`,
    port,
    storeDir,
    get running() {
      return child !== null;
    },
    start,
    stop,
    wipeStore: () => {
      if (child) throw new Error('Stop the server before wiping its store');
      rmSync(storeDir, { recursive: true, force: true });
    },
    dispose: async () => {
      await stop();
      rmSync(storeDir, { recursive: true, force: true });
    },
  };
}
