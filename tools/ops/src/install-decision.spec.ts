// tools/launcher is plain Node.js outside any Nx project (it runs before `npm ci`), so it cannot be
// imported through a project alias.
// eslint-disable-next-line @nx/enforce-module-boundaries
import { decideInstall } from '../../launcher/install-decision.mjs';

describe('ensure-deps decision', () => {
  const lockHash = 'a'.repeat(64);
  const installedAfterLock = { lockHash, lockMtimeMs: 1_000, installedMtimeMs: 2_000 };

  it('installs when node_modules has never been installed', () => {
    expect(
      decideInstall({ lockHash, lockMtimeMs: 1_000, installedMtimeMs: null, recordedHash: null }).action,
    ).toBe('install');
  });

  it('does nothing when the recorded hash matches the lockfile', () => {
    expect(decideInstall({ ...installedAfterLock, recordedHash: lockHash }).action).toBe('none');
  });

  it('reinstalls when the lockfile changed since the recorded install, whatever the file times say', () => {
    expect(decideInstall({ ...installedAfterLock, recordedHash: 'b'.repeat(64) }).action).toBe('install');
  });

  it('adopts an install made by a plain npm ci after the lockfile was written', () => {
    expect(decideInstall({ ...installedAfterLock, recordedHash: null }).action).toBe('record');
  });

  it('reinstalls when there is no record and the lockfile is newer than node_modules', () => {
    expect(
      decideInstall({ lockHash, lockMtimeMs: 3_000, installedMtimeMs: 2_000, recordedHash: null }).action,
    ).toBe('install');
  });

  it('reinstalls when node_modules was deleted even if a hash was recorded elsewhere', () => {
    expect(
      decideInstall({ lockHash, lockMtimeMs: 1_000, installedMtimeMs: null, recordedHash: lockHash }).action,
    ).toBe('install');
  });
});
