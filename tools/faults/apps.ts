import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { DATA_SERVICES, type ServiceName } from '@gongkai/contracts';
import { FAULT_HOOK_MARK } from '@gongkai/messaging';

export const ALL_APPS: readonly ServiceName[] = [...DATA_SERVICES, 'gateway'];

export interface AppsOptions {
  root: string;
  env: Record<string, string>;
  /** Variables for one app only (its database URL, its kill hooks). */
  envOf: (app: ServiceName) => Record<string, string>;
  /** Pause before an app that died is started again (a process manager's restart delay). */
  restartDelayMs: number;
  /** Told of every exit (for --verbose). */
  onExit?: (line: string) => void;
  /** Whether an exit nobody asked for was the broker kill's doing (see BrokerOutages). */
  causedByBroker?: (startedAt: number, exitedAt: number, lastLines: string) => boolean;
}

/** Kills by who pulled the trigger: the chaos loop (per app) or a hook (per point). */
export interface KillTally {
  chaos: Map<ServiceName, number>;
  hooks: Map<string, number>;
  /** Exits at boot because the broker was being killed (NATS unreachable): caused, counted apart. */
  brokerCaused: Map<ServiceName, number>;
  /** Exits nobody asked for that were not a hook or the broker either: a crash the suite found. */
  unexpected: { app: ServiceName; code: number | null; signal: string | null; lastLines: string }[];
}

/**
 * The six built apps as child processes, supervised like a process manager would: whatever
 * exits is started again after `restartDelayMs`, while `supervising` is on.
 */
export class Apps {
  private readonly children = new Map<ServiceName, ChildProcess>();
  private readonly logs = new Map<ServiceName, string[]>();
  private readonly expectedExit = new Set<ChildProcess>();
  private readonly hooked = new Set<ChildProcess>();
  private readonly held = new Set<ServiceName>();
  private stopping = false;
  readonly tally: KillTally = { chaos: new Map(), hooks: new Map(), brokerCaused: new Map(), unexpected: [] };
  /** How each app's last process ended (known before the supervisor starts the next one). */
  readonly lastExit = new Map<ServiceName, 'killed' | 'hook' | 'broker' | 'on its own'>();

  constructor(private readonly options: AppsOptions) {}

  /**
   * Starts every app, a few seconds apart: six Node processes migrating and connecting at once
   * on two busy cores can push a JetStream API call past its timeout, and the app exits.
   */
  async startAll(gapMs: number): Promise<void> {
    for (const app of ALL_APPS) {
      this.spawn(app);
      await new Promise((resolve) => setTimeout(resolve, gapMs));
    }
  }

  logsOf(app: ServiceName, lines = 30): string {
    return (this.logs.get(app) ?? []).slice(-lines).join('\n');
  }

  isUp(app: ServiceName): boolean {
    return this.children.has(app);
  }

  /** SIGKILL now; the supervisor starts it again. */
  kill(app: ServiceName): boolean {
    const child = this.children.get(app);
    if (!child) return false;
    this.expectedExit.add(child);
    this.tally.chaos.set(app, (this.tally.chaos.get(app) ?? 0) + 1);
    child.kill('SIGKILL');
    return true;
  }

  /** Kills the app and keeps it down until release(): a stopped service. */
  async hold(app: ServiceName): Promise<void> {
    this.held.add(app);
    const child = this.children.get(app);
    if (!child) return;
    this.expectedExit.add(child);
    await new Promise<void>((resolve) => {
      child.once('exit', () => resolve());
      child.kill('SIGKILL');
    });
  }

  release(app: ServiceName): void {
    this.held.delete(app);
    if (!this.children.has(app) && !this.stopping) this.spawn(app);
  }

  /** SIGSTOP / SIGCONT: a hung process that still holds its connections. */
  pause(app: ServiceName): void {
    this.children.get(app)?.kill('SIGSTOP');
  }

  resume(app: ServiceName): void {
    this.children.get(app)?.kill('SIGCONT');
  }

  async stopAll(): Promise<void> {
    this.stopping = true;
    await Promise.all(
      [...this.children.values()].map(
        (child) =>
          new Promise<void>((resolve) => {
            if (child.exitCode !== null || child.signalCode !== null) return resolve();
            this.expectedExit.add(child);
            const timer = setTimeout(() => child.kill('SIGKILL'), 10000);
            child.once('exit', () => {
              clearTimeout(timer);
              resolve();
            });
            child.kill('SIGTERM');
          }),
      ),
    );
  }

  private spawn(app: ServiceName): void {
    const main = join(this.options.root, 'dist', 'apps', app, 'main.js');
    if (!existsSync(main))
      throw new Error(`${main} is missing: build the apps first (npx nx run-many -t build)`);
    const startedAt = Date.now();
    const child = spawn(process.execPath, ['--enable-source-maps', main], {
      cwd: this.options.root,
      env: { ...this.options.env, ...this.options.envOf(app) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const lines = this.logs.get(app) ?? [];
    this.logs.set(app, lines);
    // This process's own last lines: the app's log also holds its earlier processes'.
    const ownLines: string[] = [];
    const keep = (chunk: Buffer) => {
      for (const line of chunk.toString().split('\n')) {
        if (!line) continue;
        lines.push(line);
        ownLines.push(line);
        if (ownLines.length > 15) ownLines.shift();
        const at = line.indexOf(FAULT_HOOK_MARK);
        if (at >= 0) {
          const point = line.slice(at + FAULT_HOOK_MARK.length).trim();
          this.hooked.add(child);
          const key = `${app}: ${point}`;
          this.tally.hooks.set(key, (this.tally.hooks.get(key) ?? 0) + 1);
        }
      }
      if (lines.length > 400) lines.splice(0, lines.length - 400);
    };
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    this.children.set(app, child);
    child.once('exit', (code, signal) => {
      if (this.children.get(app) === child) this.children.delete(app);
      const exitedAt = Date.now();
      // The hook line and the exit may race on the pipes: give the line a moment.
      setTimeout(() => {
        const lastLines = ownLines.join('\n');
        const cause = this.expectedExit.has(child)
          ? 'killed'
          : this.hooked.has(child)
            ? 'hook'
            : this.options.causedByBroker?.(startedAt, exitedAt, lastLines)
              ? 'broker'
              : 'on its own';
        this.lastExit.set(app, cause);
        this.options.onExit?.(`${app} exited (${signal ?? code}, ${cause})`);
        if (cause === 'broker' && !this.stopping)
          this.tally.brokerCaused.set(app, (this.tally.brokerCaused.get(app) ?? 0) + 1);
        if (cause === 'on its own' && !this.stopping)
          this.tally.unexpected.push({ app, code, signal, lastLines });
        this.expectedExit.delete(child);
        this.hooked.delete(child);
      }, 200);
      if (this.stopping) return;
      setTimeout(() => {
        if (!this.stopping && !this.held.has(app) && !this.children.has(app)) this.spawn(app);
      }, this.options.restartDelayMs);
    });
  }
}
