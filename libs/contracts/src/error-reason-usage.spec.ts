import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { ALL_ERROR_REASONS } from './error-reason-catalogue';

/**
 * The reason tables list exactly what is thrown: every reason declared in a table is referenced
 * (`<Table>Reasons.<NAME>`, e.g. `PermissionsErrorReasons.STAFF_NO_TAKEN`) somewhere in the
 * sources of apps/ and libs/ (tests, specs and generated code do not count). A reason nobody
 * throws would sit in the OpenAPI document as a promise the API never keeps: use it or drop it.
 * Reason names are unique across the tables (error-reasons.spec.ts), so the name alone suffices.
 */

const ROOT = join(__dirname, '..', '..', '..');
const REFERENCE = /\b\w*Reasons\.([A-Z][A-Z0-9_]*)\b/g;

function sourceFilesIn(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      return ['node_modules', 'generated', 'test'].includes(entry.name) ? [] : sourceFilesIn(path);
    }
    return entry.name.endsWith('.ts') && !/\.(spec|integration-spec|e2e-spec)\.ts$/.test(entry.name)
      ? [path]
      : [];
  });
}

function projectsIn(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => join(ROOT, dir, entry.name, 'src'));
}

/** Every reason name referenced in the sources, with the first file that references it. */
function referencedReasons(): Map<string, string> {
  const referenced = new Map<string, string>();
  for (const file of [...projectsIn('apps'), ...projectsIn('libs')].flatMap(sourceFilesIn)) {
    for (const match of readFileSync(file, 'utf8').matchAll(REFERENCE)) {
      const name = match[1] as string;
      if (!referenced.has(name)) referenced.set(name, relative(ROOT, file));
    }
  }
  return referenced;
}

describe('error reason tables list exactly what is thrown', () => {
  const referenced = referencedReasons();
  const services = [...new Set(ALL_ERROR_REASONS.map((entry) => entry.service))];

  it('finds the references it looks for (the scan works)', () => {
    expect(referenced.get('OCCURRED_AT_IN_FUTURE')).toBe(
      'libs/service-kit/src/unit-of-work/business-time.ts',
    );
  });

  for (const service of services) {
    const declared = ALL_ERROR_REASONS.filter((entry) => entry.service === service).map(
      (entry) => entry.reason,
    );
    it(`every ${service} reason is thrown somewhere`, () => {
      expect(declared.filter((reason) => !referenced.has(reason))).toEqual([]);
    });
  }
});
