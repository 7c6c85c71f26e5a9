import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';

// nx.json runs three tiers, each picking its files by suffix: `test` *.spec.ts, `integration`
// *.integration-spec.ts (every project but e2e/), `e2e` *.e2e-spec.ts (e2e/ only), all through
// the project's jest.config.cts. A suite kept out of those tiers on purpose (the API security suite,
// `npm run test:security`) names its own config in one of its project's targets. A test file outside
// that scheme would never run.
const workspaceRoot = join(__dirname, '..', '..', '..');
const SKIP = new Set(['node_modules', 'generated', 'dist', 'coverage', '.nx']);
const TEST_FILE = /\.(spec|test|integration-spec|e2e-spec|[a-z-]+-spec)\.[cm]?[jt]sx?$/;

function testFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    if (SKIP.has(entry.name)) return [];
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return testFiles(path);
    return TEST_FILE.test(entry.name) ? [relative(workspaceRoot, path)] : [];
  });
}

function projectRootOf(file: string): string | null {
  for (let dir = dirname(file); dir !== '.'; dir = dirname(dir)) {
    if (existsSync(join(workspaceRoot, dir, 'project.json'))) return dir;
  }
  return null;
}

function hasJestTarget(root: string): boolean {
  if (existsSync(join(workspaceRoot, root, 'jest.config.cts'))) return true;
  const project = readFileSync(join(workspaceRoot, root, 'project.json'), 'utf8');
  const ownConfigs = readdirSync(join(workspaceRoot, root)).filter((name) =>
    /^jest\..+\.config\.cts$/.test(name),
  );
  return ownConfigs.some((name) => project.includes(`jest -c ${root}/${name}`));
}

const files = ['apps', 'libs', 'tools', 'e2e'].flatMap((top) => testFiles(join(workspaceRoot, top)));

describe('test files and the tiers that run them', () => {
  it('finds the test files', () => {
    expect(files.length).toBeGreaterThan(50);
  });

  it('names every test file for exactly one tier, the right one for where it lives', () => {
    const misplaced = files.filter((file) => {
      const inE2e = file.startsWith('e2e/');
      if (file.endsWith('.e2e-spec.ts')) return !inE2e;
      return inE2e || !/\.(spec|integration-spec)\.ts$/.test(file);
    });
    expect(misplaced).toEqual([]);
  });

  it('puts every test file in a project with a Jest config, so a target exists for it', () => {
    const orphans = files.filter((file) => {
      const root = projectRootOf(file);
      return root === null || !hasJestTarget(root);
    });
    expect(orphans).toEqual([]);
  });
});
