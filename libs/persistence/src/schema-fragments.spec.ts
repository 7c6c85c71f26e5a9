import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DATA_SERVICES } from '@gongkai/contracts';

// A Prisma schema folder cannot include files from elsewhere, so each service carries copies of
// the shared model fragments. A copy that drifts would give that service different tables.
const workspaceRoot = join(__dirname, '..', '..', '..');

const fragments = [
  { canonical: 'libs/messaging/prisma/messaging.prisma', services: DATA_SERVICES },
  { canonical: 'libs/messaging/prisma/idempotency.prisma', services: DATA_SERVICES },
  {
    canonical: 'libs/department-projection/prisma/department-projection.prisma',
    services: ['catalogue', 'rounds', 'complaints'],
  },
];

const cases = fragments.flatMap(({ canonical, services }) =>
  services.map((service) => ({ service, canonical, file: canonical.split('/').at(-1) ?? '' })),
);

describe('shared schema fragments', () => {
  it.each(cases)('$service has an identical copy of $canonical', ({ service, canonical, file }) => {
    const copy = readFileSync(join(workspaceRoot, 'apps', service, 'prisma', 'schema', file), 'utf8');
    expect(copy).toBe(readFileSync(join(workspaceRoot, canonical), 'utf8'));
  });
});
