// Building and running the six apps from their webpack bundles in dist/apps/<app>/main.js.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { spawnManaged } from './processes.mjs';

export const SERVICES = ['catalogue', 'rounds', 'permissions', 'complaints', 'reports'];
export const APPS = [...SERVICES, 'gateway'];

/** `nx run-many -t build`: Nx's cache makes this a few seconds when nothing changed. */
export function buildApps(root, apps = APPS) {
  const nxDir = join(root, 'node_modules', 'nx');
  const nx = join(nxDir, JSON.parse(readFileSync(join(nxDir, 'package.json'), 'utf8')).bin.nx);
  const result = spawnSync(
    process.execPath,
    [nx, 'run-many', '-t', 'build', '-p', apps.join(','), '--outputStyle=static'],
    { cwd: root, stdio: 'inherit', env: { ...process.env, NX_TUI: 'false' } },
  );
  if (result.status !== 0)
    throw new Error(`the build failed (nx exit code ${result.status ?? result.signal})`);
}

/**
 * Starts `node dist/apps/<app>/main.js`. The preload makes the app stop itself if the launcher
 * dies without cleaning up (kill -9), so no app outlives it.
 */
export function startApp(root, app, env) {
  const main = join(root, 'dist', 'apps', app, 'main.js');
  const preload = join(root, 'tools', 'launcher', 'exit-with-parent.cjs');
  return spawnManaged(app, process.execPath, ['--enable-source-maps', '--require', preload, main], {
    cwd: root,
    env,
  });
}
