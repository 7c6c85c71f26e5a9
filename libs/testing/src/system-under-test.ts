import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { DATA_SERVICES, type ServiceName } from '@gongkai/contracts';
import { dropDatabase } from '@gongkai/persistence';
import { freePort } from './free-port';
import { gatewayActorKeyEnv } from './gateway-actor-keys';
import { deleteStreamsOfRun } from './nats-cleanup';
import { newRunId, testDatabaseUrl, TEST_NATS_URL } from './test-run';
import { waitFor } from './wait-for';

export interface RunningSystem {
  runId: string;
  baseUrl: string;
  adminKey: string;
  env: Record<string, string>;
  /** The last lines each app printed, for failure messages. */
  logsOf(app: ServiceName): string;
  /** The process id of an app now running (to read its CPU time from /proc, say). */
  pidOf(app: ServiceName): number | undefined;
  /**
   * Stops one app (SIGTERM, or SIGKILL for a crash: no shutdown hooks run) and starts it again with
   * the same environment; resolves once the gateway's /readyz answers 200 again.
   */
  restart(app: ServiceName, options?: { signal?: 'SIGTERM' | 'SIGKILL' }): Promise<void>;
  /**
   * One more process of the app beside the first, as `docker compose --scale` would run: a
   * service's replicas share its NATS queue group; a gateway replica listens on its own port
   * (`baseUrl`). Resolves once the new process answers its own /readyz; stop() ends it too.
   */
  addReplica(app: ServiceName): Promise<{ pid: number; baseUrl: string }>;
  stop(): Promise<void>;
}

const ALL_APPS: ServiceName[] = [...DATA_SERVICES, 'gateway'];

function workspaceRoot(): string {
  let dir = __dirname;
  while (!existsSync(join(dir, 'nx.json'))) {
    const parent = join(dir, '..');
    if (parent === dir) throw new Error('Cannot find the workspace root (nx.json)');
    dir = parent;
  }
  return dir;
}

/**
 * Starts the built apps (`dist/apps/<app>/main.js`, the same bundles `npm start` and the Docker
 * images run) as child processes on a private NATS prefix and private databases, and waits for
 * the gateway's /readyz. `stop()` ends them and removes the run's databases and streams.
 */
export async function startSystem(
  options: {
    extraEnv?: Record<string, string>;
    /** Another NATS server (e.g. a private one the test stops); TEST_NATS_URL by default. */
    natsUrl?: string;
    /** Variables for one app only, applied last (e.g. its own `<SERVICE>_DATABASE_URL`). */
    envOf?: (app: ServiceName, env: Readonly<Record<string, string>>) => Record<string, string>;
    /** Node's own options for every app (default `--enable-source-maps`, readable stack traces). */
    nodeArgs?: readonly string[];
  } = {},
): Promise<RunningSystem> {
  const natsUrl = options.natsUrl ?? TEST_NATS_URL;
  const root = workspaceRoot();
  const runId = newRunId();
  const port = await freePort();
  const adminKey = `admin-${runId}-0123456789abcdef`;
  const env: Record<string, string> = {
    PATH: process.env['PATH'] ?? '',
    NODE_ENV: 'test',
    LOG_LEVEL: 'warn',
    NATS_URL: natsUrl,
    NATS_PREFIX: runId,
    PORT: String(port),
    HOST: '127.0.0.1',
    BOOTSTRAP_ADMIN_API_KEY: adminKey,
    OUTBOX_POLL_MS: '100',
    ...options.extraEnv,
  };
  for (const service of DATA_SERVICES)
    env[`${service.toUpperCase()}_DATABASE_URL`] = testDatabaseUrl(runId, service);

  // This run's gateway actor key pair: the private half for the gateway, the public one for the services.
  const actorKeyEnvOf = gatewayActorKeyEnv();
  const children = new Map<ServiceName, ChildProcess>();
  const replicas: ChildProcess[] = [];
  const logs = new Map<ServiceName, string[]>();
  const nodeArgs = options.nodeArgs ?? ['--enable-source-maps'];
  const spawnApp = (app: ServiceName, replicaEnv: Record<string, string> = {}) => {
    const main = join(root, 'dist', 'apps', app, 'main.js');
    if (!existsSync(main))
      throw new Error(`${main} is missing: build the apps first (npx nx run-many -t build)`);
    const child = spawn(process.execPath, [...nodeArgs, main], {
      cwd: root,
      env: { ...env, ...actorKeyEnvOf(app), ...options.envOf?.(app, env), ...replicaEnv },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const lines = logs.get(app) ?? [];
    logs.set(app, lines);
    const keep = (chunk: Buffer) => {
      lines.push(...chunk.toString().split('\n').filter(Boolean));
      if (lines.length > 200) lines.splice(0, lines.length - 200);
    };
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    return child;
  };
  for (const app of ALL_APPS) children.set(app, spawnApp(app));

  const logsOf = (app: ServiceName) => (logs.get(app) ?? []).join('\n');
  const ended = (child: ChildProcess, signal: NodeJS.Signals) =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      const timer = setTimeout(() => child.kill('SIGKILL'), 10000);
      child.once('exit', () => {
        clearTimeout(timer);
        resolve();
      });
      child.kill(signal);
    });
  const stop = async () => {
    await Promise.all([...children.values(), ...replicas].map((child) => ended(child, 'SIGTERM')));
    // A private server may be down (or gone) by now; its store goes with it.
    await deleteStreamsOfRun(runId, natsUrl).catch((error: unknown) => {
      if (natsUrl === TEST_NATS_URL) throw error;
    });
    for (const service of DATA_SERVICES) await dropDatabase(testDatabaseUrl(runId, service));
  };

  const baseUrl = `http://127.0.0.1:${port}`;
  try {
    await waitFor(
      async () => {
        for (const [app, child] of children) {
          if (child.exitCode !== null)
            throw new Error(`${app} exited with ${child.exitCode}:\n${logsOf(app)}`);
        }
        const response = await fetch(`${baseUrl}/readyz`).catch(() => null);
        return response?.status === 200;
      },
      // Six apps booting on two shared cores next to other test runs: a minute was not always enough.
      { timeoutMs: 100_000, intervalMs: 250, what: 'the system to be ready (/readyz = 200)' },
    );
  } catch (error) {
    const details = ALL_APPS.map(
      (app) => `--- ${app}\n${logsOf(app).split('\n').slice(-15).join('\n')}`,
    ).join('\n');
    await stop();
    throw new Error(`${(error as Error).message}\n${details}`);
  }
  const restart = async (app: ServiceName, restartOptions: { signal?: 'SIGTERM' | 'SIGKILL' } = {}) => {
    const child = children.get(app);
    if (child) await ended(child, restartOptions.signal ?? 'SIGTERM');
    children.set(app, spawnApp(app));
    await waitFor(
      async () => {
        const current = children.get(app);
        if (current && current.exitCode !== null)
          throw new Error(`${app} exited with ${current.exitCode}:\n${logsOf(app)}`);
        const response = await fetch(`${baseUrl}/readyz`).catch(() => null);
        return response?.status === 200;
      },
      { timeoutMs: 180000, intervalMs: 250, what: `${app} ready again after its restart` },
    );
  };
  const pidOf = (app: ServiceName) => children.get(app)?.pid;
  const addReplica = async (app: ServiceName) => {
    const replicaPort = await freePort();
    const replicaEnv: Record<string, string> =
      app === 'gateway'
        ? { PORT: String(replicaPort) }
        : { METRICS_PORT: String(replicaPort), METRICS_HOST: '127.0.0.1' };
    const child = spawnApp(app, replicaEnv);
    replicas.push(child);
    const replicaUrl = `http://127.0.0.1:${replicaPort}`;
    await waitFor(
      async () => {
        if (child.exitCode !== null)
          throw new Error(`a replica of ${app} exited with ${child.exitCode}:\n${logsOf(app)}`);
        const response = await fetch(`${replicaUrl}/readyz`).catch(() => null);
        return response?.status === 200;
      },
      { timeoutMs: 100_000, intervalMs: 250, what: `a replica of ${app} to be ready` },
    );
    return { pid: child.pid as number, baseUrl: replicaUrl };
  };
  return { runId, baseUrl, adminKey, env, logsOf, pidOf, restart, addReplica, stop };
}
