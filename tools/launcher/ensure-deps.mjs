#!/usr/bin/env node
// Installs the locked dependencies when node_modules is missing or stale; a no-op otherwise.
// Node built-ins only: this runs on a fresh clone before anything is installed.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { decideInstall } from './install-decision.mjs';

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const HASH_FILE = 'node_modules/.gongkai-lock-hash';

function mtimeOrNull(path) {
  try {
    return statSync(path).mtimeMs;
  } catch {
    return null;
  }
}

function readOrNull(path) {
  try {
    return readFileSync(path, 'utf8').trim();
  } catch {
    return null;
  }
}

/** @returns {boolean} true when it ran `npm ci` */
export function ensureDeps(root = repoRoot) {
  const lockPath = join(root, 'package-lock.json');
  const lock = readFileSync(lockPath);
  const lockHash = createHash('sha256').update(lock).digest('hex');
  const decision = decideInstall({
    lockHash,
    lockMtimeMs: statSync(lockPath).mtimeMs,
    installedMtimeMs: mtimeOrNull(join(root, 'node_modules/.package-lock.json')),
    recordedHash: readOrNull(join(root, HASH_FILE)),
  });
  if (decision.action === 'none') return false;
  if (decision.action === 'install') {
    console.log(`[deps] ${decision.reason}: running npm ci`);
    const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
    const result = spawnSync(npm, ['ci'], {
      cwd: root,
      stdio: 'inherit',
      shell: process.platform === 'win32',
    });
    if (result.error || result.status !== 0) {
      const why = result.error ? result.error.message : `exit code ${result.status ?? result.signal}`;
      throw new Error(`npm ci failed (${why}); fix the error above and run the command again`);
    }
  }
  writeFileSync(join(root, HASH_FILE), `${lockHash}\n`);
  return decision.action === 'install';
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    ensureDeps();
  } catch (error) {
    console.error(`[deps] ${error.message}`);
    process.exit(1);
  }
}
