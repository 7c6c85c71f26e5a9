import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { resolvePrismaDir } from './start-data-service';

describe('resolvePrismaDir', () => {
  it('prefers the prisma folder shipped next to the bundle', () => {
    const bundleDir = mkdtempSync(join(tmpdir(), 'bundle-'));
    mkdirSync(join(bundleDir, 'prisma', 'migrations'), { recursive: true });
    expect(resolvePrismaDir('catalogue', bundleDir)).toBe(join(bundleDir, 'prisma'));
  });

  it('says where it looked when the migrations are missing', () => {
    const bundleDir = mkdtempSync(join(tmpdir(), 'empty-'));
    expect(() => resolvePrismaDir('nonexistent' as 'catalogue', bundleDir)).toThrow(
      /Cannot find the nonexistent migrations; looked in/,
    );
  });
});
