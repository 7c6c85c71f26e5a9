// Child processes the launcher owns: spawned in their own process group (so Ctrl-C reaches only
// the launcher, which then stops them in order) and stopped with SIGTERM, then SIGKILL.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { lineWriter } from './output.mjs';

/**
 * @param {string} name
 * @param {string} command
 * @param {string[]} args
 * @param {{ cwd?: string, env?: NodeJS.ProcessEnv, echo?: boolean }} [options]
 */
export function spawnManaged(name, command, args, { cwd, env, echo = true } = {}) {
  const out = lineWriter(name, { echo });
  const child = spawn(command, args, { cwd, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout.on('data', out.write);
  child.stderr.on('data', out.write);
  /** @type {{ code: number | null, signal: NodeJS.Signals | null, error?: Error } | null} */
  let exit = null;
  const exited = new Promise((resolve) => {
    child.once('error', (error) => {
      exit = { code: null, signal: null, error };
      resolve(exit);
    });
    child.once('close', (code, signal) => {
      out.flush();
      exit ??= { code, signal };
      resolve(exit);
    });
  });
  const signalGroup = (signal) => {
    try {
      process.kill(-(/** @type {number} */ (child.pid)), signal);
    } catch {
      // already gone
    }
  };
  return {
    name,
    child,
    out,
    exited,
    exitStatus: () => exit,
    /** SIGTERM, then SIGKILL after `graceMs`. */
    async stop(graceMs = 10_000) {
      if (exit || child.pid === undefined) return;
      signalGroup('SIGTERM');
      const timedOut = await Promise.race([exited.then(() => false), sleep(graceMs).then(() => true)]);
      if (timedOut) {
        signalGroup('SIGKILL');
        await exited;
      }
    },
  };
}

/** Describes how a managed process ended, for error messages. */
export function describeExit(status) {
  if (!status) return 'is still running';
  if (status.error) return `could not start (${status.error.message})`;
  return status.signal ? `was killed by ${status.signal}` : `exited with code ${status.code}`;
}

/**
 * A process left running by an earlier launcher that died without cleaning up: its pid is in
 * `pidFile` and its command line mentions `marker` (our data directory). Linux only; elsewhere null.
 */
export function findStaleProcess(pidFile, marker) {
  let pid;
  try {
    pid = Number.parseInt(readFileSync(pidFile, 'utf8').split('\n')[0] ?? '', 10);
  } catch {
    return null;
  }
  if (!Number.isInteger(pid) || pid <= 0) return null;
  try {
    const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ');
    return cmdline.includes(marker) ? pid : null;
  } catch {
    return null;
  }
}

/** Sends `signal` to `pid` and waits up to `timeoutMs` for it to disappear. */
export async function terminatePid(pid, signal = 'SIGTERM', timeoutMs = 15_000) {
  try {
    process.kill(pid, signal);
  } catch {
    return;
  }
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      process.kill(pid, 0);
    } catch {
      return;
    }
    await sleep(100);
  }
  try {
    process.kill(pid, 'SIGKILL');
  } catch {
    // gone
  }
}
