import { randomBytes } from 'node:crypto';

/**
 * A short unique token for one test file's run. Databases, NATS subjects and stream names are
 * derived from it, so test runs sharing the machine's PostgreSQL and NATS never collide.
 */
export function newRunId(): string {
  return `t${Date.now().toString(36)}${randomBytes(3).toString('hex')}`;
}

export const TEST_NATS_URL = process.env['NATS_URL'] ?? 'nats://127.0.0.1:4222';
export const TEST_POSTGRES_URL =
  process.env['DATABASE_URL'] ?? 'postgresql://postgres@127.0.0.1:5432/postgres';

export function testDatabaseUrl(runId: string, name: string): string {
  const url = new URL(TEST_POSTGRES_URL);
  url.pathname = `/gongkai_${runId}_${name}`;
  return url.toString();
}
