import { defineConfig } from 'prisma/config';

// The messaging library's test schema: only `prisma generate` uses this (tests apply migrations themselves).
export default defineConfig({
  schema: 'prisma/schema',
  migrations: { path: 'prisma/migrations' },
});
