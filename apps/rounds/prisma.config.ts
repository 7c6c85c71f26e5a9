import { defineConfig } from 'prisma/config';

// For the Prisma CLI only (prisma generate; prisma migrate deploy/status would also work).
// The service itself and tools/prisma/migrate.mjs take the URL from @gongkai/config.
// Same rule as there: ROUNDS_DATABASE_URL, else the DATABASE_URL server with database gongkai_rounds.
// No URL set is fine: prisma generate does not need one.
function databaseUrl(): string | undefined {
  const own = process.env['ROUNDS_DATABASE_URL'];
  if (own) return own;
  const shared = process.env['DATABASE_URL'];
  if (!shared) return undefined;
  const url = new URL(shared);
  url.pathname = '/gongkai_rounds';
  return url.toString();
}

export default defineConfig({
  schema: 'prisma/schema',
  migrations: { path: 'prisma/migrations' },
  datasource: { url: databaseUrl() },
});
