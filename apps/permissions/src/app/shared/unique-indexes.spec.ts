import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { PERMISSIONS_UNIQUE_INDEXES } from './unique-indexes';

const MIGRATIONS = join(__dirname, '..', '..', '..', 'prisma', 'migrations');

/** Every unique index the migrations create, by name. */
function uniqueIndexesInMigrations(): Set<string> {
  const names = new Set<string>();
  for (const entry of readdirSync(MIGRATIONS, { withFileTypes: true })) {
    if (!entry.isDirectory()) continue;
    const sql = readFileSync(join(MIGRATIONS, entry.name, 'migration.sql'), 'utf8');
    for (const match of sql.matchAll(/CREATE UNIQUE INDEX "([^"]+)"/g)) names.add(match[1] as string);
  }
  return names;
}

describe('permissions unique indexes with their own reason', () => {
  it('names indexes the migrations create, each with a CONFLICT reason', () => {
    const existing = uniqueIndexesInMigrations();
    for (const [index, { reason }] of Object.entries(PERMISSIONS_UNIQUE_INDEXES)) {
      expect({ index, exists: existing.has(index) }).toEqual({ index, exists: true });
      expect(reason.category).toBe('CONFLICT');
    }
  });
});
