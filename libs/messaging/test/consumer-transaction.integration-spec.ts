import { join } from 'node:path';
import { v7 as uuidv7 } from 'uuid';
import { DepartmentCreatedV1 } from '@gongkai/contracts';
import { applyMigrations, createPgAdapter, dropDatabase, ensureDatabase } from '@gongkai/persistence';
import { newRunId, testDatabaseUrl } from '@gongkai/testing';
import { InboxProcessor, createEnvelope, on, validateEvent, type EventConsumer } from '../src';
import { PrismaClient } from './generated/prisma/client';

type Tx = Parameters<Parameters<PrismaClient['$transaction']>[0]>[0];

/**
 * A consumer's transaction runs under CONSUMER_TX_TIMEOUT_MS (60 s by default), not Prisma's 5 s
 * default: a large reorganisation applied in one transaction must not fail (and end up
 * dead-lettered) just for taking 5 seconds.
 */
describe('consumer transactions take their own timeout', () => {
  const runId = newRunId();
  const url = testDatabaseUrl(runId, 'consumer');
  let db: PrismaClient;

  const slowConsumer: EventConsumer<Tx> = {
    name: 'slow',
    source: 'permissions',
    filter: 'evt.permissions.department.>',
    handlers: [
      on(DepartmentCreatedV1, async (payload, _envelope, tx: Tx) => {
        await tx.$executeRawUnsafe('SELECT pg_sleep(5.5)');
        await tx.appliedCount.create({ data: { key: payload.departmentId, count: 1 } });
      }),
    ],
  };

  beforeAll(async () => {
    await ensureDatabase(url);
    await applyMigrations({
      databaseUrl: url,
      schemaDir: join(__dirname, 'prisma', 'schema'),
      migrationsDir: join(__dirname, 'prisma', 'migrations'),
    });
    db = new PrismaClient({ adapter: createPgAdapter(url) });
  });

  afterAll(async () => {
    await db?.$disconnect();
    await dropDatabase(url);
  });

  it('applies an event whose transaction runs longer than 5 s', async () => {
    const processor = new InboxProcessor<Tx>(db, 'consumer-slow', slowConsumer, {
      transactionTimeoutMs: 60_000,
    });
    const departmentId = uuidv7();
    const envelope = createEnvelope(
      DepartmentCreatedV1,
      validateEvent(DepartmentCreatedV1, {
        departmentId,
        code: 'SLOW',
        name: 'Slow',
        type: 'office',
        parentId: null,
        status: 'active',
      }),
      { source: 'permissions', actor: { kind: 'system', id: 'test' }, correlationId: runId },
      () => 1,
    );
    await expect(processor.process(JSON.stringify(envelope))).resolves.toMatchObject({ outcome: 'applied' });
    expect(await db.appliedCount.count({ where: { key: departmentId } })).toBe(1);
  }, 30000);
});
