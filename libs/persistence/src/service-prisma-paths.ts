import { join } from 'node:path';

export interface PrismaPaths {
  schemaDir: string;
  migrationsDir: string;
}

/**
 * Where a service keeps its Prisma schema and migrations, below its app folder
 * (`apps/<service>` in the repository; wherever the deploy copies `prisma/` beside the bundle).
 */
export function prismaPathsIn(appDir: string): PrismaPaths {
  return { schemaDir: join(appDir, 'prisma', 'schema'), migrationsDir: join(appDir, 'prisma', 'migrations') };
}
