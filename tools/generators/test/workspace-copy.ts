import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { copyFile, mkdir, mkdtemp, rm, symlink } from 'node:fs/promises';
import { existsSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/**
 * A scratch copy of the workspace in the OS temp folder, for a test that changes the workspace
 * the way a developer would (a generator, builds, Nx's cache) without touching this checkout, which
 * other test runs may be reading at the same time. It holds the files git knows plus new ones not
 * ignored (so uncommitted work is what is tested); node_modules is a link to this checkout's.
 */
export interface WorkspaceCopy {
  root: string;
  /** Runs `nx <args>` in the copy; throws with the end of its output when it fails. */
  nx(args: string[], options?: { timeoutMs?: number }): Promise<string>;
  /** Starts `node <script>` in the copy, its output kept for failure messages. */
  node(script: string, env: Record<string, string>): RunningProcess;
  remove(): Promise<void>;
}

export interface RunningProcess {
  child: ChildProcess;
  output(): string;
  stop(): Promise<void>;
}

/** The last lines of a long output, for error messages. */
export function tail(output: string, lines = 60): string {
  return output.trimEnd().split('\n').slice(-lines).join('\n');
}

/** The environment for Nx and the apps in the copy, without the outer Nx/Jest run's own variables. */
function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env))
    if (!/^(NX_|JEST_|npm_)/.test(key) && key !== 'NODE_ENV') env[key] = value;
  return {
    ...env,
    NX_DAEMON: 'false',
    NX_TUI: 'false',
    NX_NO_CLOUD: 'true',
    CI: 'true',
    FORCE_COLOR: '0',
    NO_COLOR: '1',
    ...extra,
  };
}

export async function copyWorkspace(sourceRoot: string): Promise<WorkspaceCopy> {
  const root = await mkdtemp(join(tmpdir(), 'gongkai-workspace-'));
  try {
    const files = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], {
      cwd: sourceRoot,
      maxBuffer: 64 * 1024 * 1024,
    })
      .toString()
      .split('\0')
      .filter((path) => path && existsSync(join(sourceRoot, path)));
    for (const path of files) {
      await mkdir(dirname(join(root, path)), { recursive: true });
      await copyFile(join(sourceRoot, path), join(root, path));
    }
    await symlink(join(sourceRoot, 'node_modules'), join(root, 'node_modules'), 'dir');
  } catch (error) {
    await rm(root, { recursive: true, force: true });
    throw error;
  }

  const nxPackage = join(sourceRoot, 'node_modules', 'nx', 'package.json');
  const nxBin = join(
    dirname(nxPackage),
    (JSON.parse(readFileSync(nxPackage, 'utf8')) as { bin: { nx: string } }).bin.nx,
  );
  const running = new Set<RunningProcess>();

  const nx = (args: string[], options: { timeoutMs?: number } = {}) =>
    new Promise<string>((resolve, reject) => {
      const child = spawn(process.execPath, [nxBin, ...args], { cwd: root, env: cleanEnv() });
      let output = '';
      child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
      child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
      const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 600_000);
      child.on('error', reject);
      child.on('close', (code, signal) => {
        clearTimeout(timer);
        if (code === 0) resolve(output);
        else reject(new Error(`nx ${args.join(' ')} failed (${signal ?? code}):\n${tail(output)}`));
      });
    });

  const node = (script: string, env: Record<string, string>): RunningProcess => {
    const child = spawn(process.execPath, ['--enable-source-maps', script], {
      cwd: root,
      env: cleanEnv(env),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const process_: RunningProcess = {
      child,
      output: () => output,
      stop: () =>
        new Promise<void>((resolve) => {
          running.delete(process_);
          if (child.exitCode !== null || child.signalCode !== null) return resolve();
          const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
          child.once('exit', () => {
            clearTimeout(timer);
            resolve();
          });
          child.kill('SIGTERM');
        }),
    };
    running.add(process_);
    return process_;
  };

  return {
    root,
    nx,
    node,
    remove: async () => {
      await Promise.all([...running].map((started) => started.stop()));
      await rm(root, { recursive: true, force: true });
    },
  };
}
