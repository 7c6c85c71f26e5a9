// Pure decision for ensure-deps.mjs, kept apart so it can be unit-tested (tools/ops).

/**
 * @typedef {object} InstallState
 * @property {string} lockHash          sha256 of package-lock.json as it is now
 * @property {number} lockMtimeMs        mtime of package-lock.json
 * @property {number | null} installedMtimeMs  mtime of node_modules/.package-lock.json, null when missing
 * @property {string | null} recordedHash       hash written after our last successful install, null when missing
 */

/**
 * @param {InstallState} state
 * @returns {{ action: 'none' | 'install' | 'record', reason: string }}
 *   `record`: node_modules matches the lockfile but was installed by someone else (a plain
 *   `npm ci`), so only the hash needs writing.
 */
export function decideInstall(state) {
  if (state.installedMtimeMs === null) {
    return { action: 'install', reason: 'node_modules is missing or incomplete' };
  }
  if (state.recordedHash !== null) {
    return state.recordedHash === state.lockHash
      ? { action: 'none', reason: 'node_modules matches package-lock.json' }
      : { action: 'install', reason: 'package-lock.json changed since the last install' };
  }
  // npm writes node_modules/.package-lock.json at the end of an install: when it is newer than
  // the lockfile, that install saw this lockfile.
  return state.installedMtimeMs >= state.lockMtimeMs
    ? { action: 'record', reason: 'node_modules was installed from this package-lock.json' }
    : { action: 'install', reason: 'package-lock.json is newer than node_modules' };
}
