import { join } from 'node:path';
import { Controller, type INestMicroservice } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { Test } from '@nestjs/testing';
import { v7 as uuidv7 } from 'uuid';
import { DomainError, ErrorCode, defineRpc, type RequestMeta } from '@gongkai/contracts';
import { applyMigrations, createPgAdapter, dropDatabase, ensureDatabase } from '@gongkai/persistence';
import { newRunId, testDatabaseUrl, TEST_NATS_URL, sleep } from '@gongkai/testing';
import type { NatsConnection } from '@nats-io/transport-node';
import { z } from 'zod';
import {
  IdempotencyContext,
  IdempotencyInterceptor,
  IdempotencyKeyTakenError,
  IdempotencySweeper,
  RemoteCallError,
  RpcErrorFilter,
  ServiceClient,
  ServiceNatsServer,
  claimIdempotencyKeysIn,
  connectNats,
  parseRequest,
  runWithIdempotency,
  type IdempotentCommand,
} from '../src';
import { PrismaClient } from './generated/prisma/client';

const schemaDir = join(__dirname, 'prisma', 'schema');
const migrationsDir = join(__dirname, 'prisma', 'migrations');

const hashOf = (label: string) =>
  label
    .padEnd(64, '0')
    .replace(/[^0-9a-f]/g, 'a')
    .slice(0, 64);

function command(key: string, requestHash = hashOf('a')): IdempotentCommand {
  return { scope: 'client:tester POST /api/v1/widgets', operation: 'widgets.create', key, requestHash };
}

/** A deferred the test resolves by hand, to hold a transaction open at a chosen point. */
function gate(): { opened: Promise<void>; open(): void } {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { opened, open };
}

describe('idempotency keys stored in the command’s own transaction', () => {
  const runId = newRunId();
  const databaseUrl = testDatabaseUrl(runId, 'idempotency');
  let db: PrismaClient;

  const keyRows = (key: string) =>
    db.$queryRawUnsafe<{ outcome: string | null }[]>(
      'SELECT outcome FROM idempotency_key WHERE key = $1',
      key,
    );
  const widgetsNamed = (name: string) => db.widget.count({ where: { name } });

  beforeAll(async () => {
    await ensureDatabase(databaseUrl);
    await applyMigrations({ databaseUrl, schemaDir, migrationsDir });
    db = new PrismaClient({ adapter: createPgAdapter(databaseUrl) });
    claimIdempotencyKeysIn(db);
  });

  afterAll(async () => {
    await db?.$disconnect();
    await dropDatabase(databaseUrl);
  });

  describe('the claim hook on $transaction', () => {
    it('stores the key of a keyed request with its first transaction', async () => {
      const context = new IdempotencyContext(command('k-commit'));
      await runWithIdempotency(context, () =>
        db.$transaction((tx) => tx.widget.create({ data: { id: uuidv7(), name: 'k-commit' } })),
      );
      expect(context.state).toBe('claimed');
      expect(await keyRows('k-commit')).toEqual([{ outcome: null }]);
      expect(await widgetsNamed('k-commit')).toBe(1);
    });

    it('leaves no key behind when the transaction rolls back, so the key can be used again', async () => {
      const context = new IdempotencyContext(command('k-rollback'));
      await expect(
        runWithIdempotency(context, () =>
          db.$transaction(async (tx) => {
            await tx.widget.create({ data: { id: uuidv7(), name: 'k-rollback' } });
            throw new DomainError(ErrorCode.VALIDATION_FAILED, 'refused after writing');
          }),
        ),
      ).rejects.toThrow('refused after writing');
      expect(context.state).toBe('unclaimed');
      expect(await keyRows('k-rollback')).toEqual([]);
      expect(await widgetsNamed('k-rollback')).toBe(0);

      // A later transaction of the same request (or a corrected retry) claims it.
      await runWithIdempotency(context, () =>
        db.$transaction((tx) => tx.widget.create({ data: { id: uuidv7(), name: 'k-rollback' } })),
      );
      expect(await keyRows('k-rollback')).toHaveLength(1);
    });

    it('lets only one of two concurrent transactions with the same key commit; the other waits, then fails untouched', async () => {
      const firstInside = gate();
      const releaseFirst = gate();
      const first = runWithIdempotency(new IdempotencyContext(command('k-race')), () =>
        db.$transaction(async (tx) => {
          await tx.widget.create({ data: { id: uuidv7(), name: 'k-race' } });
          firstInside.open();
          await releaseFirst.opened;
          return 'first';
        }),
      );
      await firstInside.opened;
      let secondSettled = false;
      const second = runWithIdempotency(new IdempotencyContext(command('k-race')), () =>
        db.$transaction(async (tx) => {
          await tx.widget.create({ data: { id: uuidv7(), name: 'k-race' } });
          return 'second';
        }),
      ).finally(() => (secondSettled = true));
      // The second transaction's insert of the key waits on the first one's uncommitted row.
      await sleep(300);
      expect(secondSettled).toBe(false);
      releaseFirst.open();
      await expect(first).resolves.toBe('first');
      await expect(second).rejects.toBeInstanceOf(IdempotencyKeyTakenError);
      expect(await widgetsNamed('k-race')).toBe(1);
      expect(await keyRows('k-race')).toHaveLength(1);
    });

    it('gives the key to the waiting transaction when the first one rolls back', async () => {
      const firstInside = gate();
      const failFirst = gate();
      const first = runWithIdempotency(new IdempotencyContext(command('k-handover')), () =>
        db.$transaction(async () => {
          firstInside.open();
          await failFirst.opened;
          throw new Error('first failed');
        }),
      );
      await firstInside.opened;
      const second = runWithIdempotency(new IdempotencyContext(command('k-handover')), () =>
        db.$transaction((tx) => tx.widget.create({ data: { id: uuidv7(), name: 'k-handover' } })),
      );
      await sleep(100);
      failFirst.open();
      await expect(first).rejects.toThrow('first failed');
      await expect(second).resolves.toMatchObject({ name: 'k-handover' });
      expect(await keyRows('k-handover')).toHaveLength(1);
    });

    it('claims nothing outside a keyed request, or in a request’s later transactions', async () => {
      const allKeys = async () =>
        (await db.$queryRawUnsafe<{ n: number }[]>('SELECT count(*)::int AS n FROM idempotency_key'))[0]?.n;
      const before = await allKeys();
      await db.$transaction((tx) => tx.widget.create({ data: { id: uuidv7(), name: 'no-key' } }));
      expect(await allKeys()).toBe(before);

      const context = new IdempotencyContext(command('k-twice'));
      await runWithIdempotency(context, async () => {
        await db.$transaction((tx) => tx.widget.create({ data: { id: uuidv7(), name: 'k-twice' } }));
        await db.$transaction((tx) => tx.widget.create({ data: { id: uuidv7(), name: 'k-twice' } }));
      });
      expect(await widgetsNamed('k-twice')).toBe(2);
      expect(await allKeys()).toBe((before ?? 0) + 1);
    });
  });

  describe('keyed commands over NATS (IdempotencyInterceptor)', () => {
    const prefix = `${runId}i`;
    let service: INestMicroservice;
    let connection: NatsConnection;
    let client: ServiceClient;
    let handled = 0;

    const WidgetSchema = z.strictObject({
      name: z.string(),
      failAfterCommit: z.boolean().optional(),
      holdMs: z.number().optional(),
    });
    const CreateWidgetRpc = defineRpc({
      subject: 'widgets.create',
      request: WidgetSchema,
      reply: z.object({ id: z.string(), name: z.string(), handledAt: z.number() }),
    });

    @Controller()
    class WidgetsHandler {
      @MessagePattern(CreateWidgetRpc.subject)
      async create(@Payload() payload: unknown) {
        handled += 1;
        const { body } = parseRequest(WidgetSchema, payload);
        const widget = await db.$transaction(async (tx) => {
          if (body.name === '') throw new DomainError(ErrorCode.VALIDATION_FAILED, 'A widget needs a name');
          const created = await tx.widget.create({ data: { id: uuidv7(), name: body.name } });
          if (body.holdMs) await sleep(body.holdMs);
          return created;
        });
        if (body.failAfterCommit) {
          throw new DomainError(ErrorCode.PRECONDITION_FAILED, 'Saved, but the widget could not be painted');
        }
        return { id: widget.id, name: widget.name, handledAt: handled };
      }
    }

    const metaWith = (key: string, requestHash: string, operation?: string): RequestMeta => ({
      actor: { kind: 'client', id: 'tester' },
      correlationId: `corr-${key}`,
      idempotency: { key, scope: 'client:tester POST /api/v1/widgets', requestHash, operation },
    });
    const create = (body: z.input<typeof WidgetSchema>, meta: RequestMeta) =>
      client.request(CreateWidgetRpc, body, meta);
    const failure = async (promise: Promise<unknown>) => {
      try {
        await promise;
      } catch (error) {
        expect(error).toBeInstanceOf(RemoteCallError);
        return (error as RemoteCallError).body;
      }
      throw new Error('expected the call to fail');
    };

    beforeAll(async () => {
      const moduleRef = await Test.createTestingModule({ controllers: [WidgetsHandler] }).compile();
      service = moduleRef.createNestMicroservice({
        strategy: new ServiceNatsServer({ servers: TEST_NATS_URL, prefix, service: 'permissions' }),
        logger: false,
      });
      service.useGlobalFilters(new RpcErrorFilter());
      service.useGlobalInterceptors(new IdempotencyInterceptor(db, { prefix, waitMs: 2000 }));
      await service.listen();
      connection = await connectNats({ servers: TEST_NATS_URL, name: `${runId}-idempotency` });
      client = new ServiceClient(connection, { prefix, defaultTimeoutMs: 5000 });
    });

    afterAll(async () => {
      await service?.close();
      await connection?.close();
    });

    it('applies a key sent twice at once only once, and answers both with the first result', async () => {
      const meta = metaWith('n-concurrent', hashOf('c'));
      const [a, b] = await Promise.all([
        create({ name: 'n-concurrent', holdMs: 300 }, meta),
        create({ name: 'n-concurrent', holdMs: 300 }, meta),
      ]);
      expect(b).toEqual(a);
      expect(await widgetsNamed('n-concurrent')).toBe(1);
      expect(await keyRows('n-concurrent')).toEqual([{ outcome: 'result' }]);
    });

    it('answers a sequential retry from the stored reply without running the handler', async () => {
      const meta = metaWith('n-sequential', hashOf('s'));
      const first = await create({ name: 'n-sequential' }, meta);
      const handledBefore = handled;
      expect(await create({ name: 'n-sequential' }, meta)).toEqual(first);
      expect(handled).toBe(handledBefore);
      expect(await widgetsNamed('n-sequential')).toBe(1);
    });

    it('refuses the same key with another request hash (IDEMPOTENCY_KEY_REUSED) and changes nothing', async () => {
      await create({ name: 'n-reused' }, metaWith('n-reused', hashOf('1')));
      const error = await failure(create({ name: 'n-reused-other' }, metaWith('n-reused', hashOf('2'))));
      expect(error.code).toBe(ErrorCode.IDEMPOTENCY_KEY_REUSED);
      expect(await widgetsNamed('n-reused-other')).toBe(0);
    });

    it('stores nothing for a refusal that changed nothing, so a corrected retry with the same key is applied', async () => {
      const refused = await failure(create({ name: '' }, metaWith('n-corrected', hashOf('3'))));
      expect(refused.code).toBe(ErrorCode.VALIDATION_FAILED);
      expect(await keyRows('n-corrected')).toEqual([]);
      const created = await create({ name: 'n-corrected' }, metaWith('n-corrected', hashOf('4')));
      expect(created.name).toBe('n-corrected');
    });

    it('replays a typed error raised after the change committed', async () => {
      const meta = metaWith('n-after-commit', hashOf('5'));
      const first = await failure(create({ name: 'n-after-commit', failAfterCommit: true }, meta));
      const again = await failure(create({ name: 'n-after-commit', failAfterCommit: true }, meta));
      expect(first.code).toBe(ErrorCode.PRECONDITION_FAILED);
      expect(again).toEqual(first);
      expect(await widgetsNamed('n-after-commit')).toBe(1);
      expect(await keyRows('n-after-commit')).toEqual([{ outcome: 'error' }]);
    });

    it('answers IDEMPOTENCY_KEY_IN_USE when the first request has not answered within the wait', async () => {
      await db.$executeRawUnsafe(
        `INSERT INTO idempotency_key (scope, operation, key, request_hash) VALUES ($1, $2, $3, $4)`,
        'client:tester POST /api/v1/widgets',
        'widgets.create',
        'n-in-flight',
        hashOf('6'),
      );
      const error = await failure(create({ name: 'n-in-flight' }, metaWith('n-in-flight', hashOf('6'))));
      expect(error).toMatchObject({
        code: ErrorCode.IDEMPOTENCY_KEY_IN_USE,
        details: { state: 'in_progress' },
      });
      expect(await widgetsNamed('n-in-flight')).toBe(0);
    });

    it('ignores a key meant for another subject (a meta passed on to another service)', async () => {
      const forwarded = metaWith('n-forwarded', hashOf('7'), 'catalogue.items.create');
      await create({ name: 'n-forwarded' }, forwarded);
      await create({ name: 'n-forwarded' }, forwarded);
      expect(await widgetsNamed('n-forwarded')).toBe(2);
      expect(await keyRows('n-forwarded')).toEqual([]);
    });

    it('behaves as before for requests without a key', async () => {
      const meta: RequestMeta = { actor: { kind: 'client', id: 'tester' }, correlationId: 'corr-plain' };
      await create({ name: 'n-plain' }, meta);
      await create({ name: 'n-plain' }, meta);
      expect(await widgetsNamed('n-plain')).toBe(2);
    });
  });

  it('sweeps keys older than the retention period and keeps the others', async () => {
    await db.$executeRawUnsafe(
      `INSERT INTO idempotency_key (scope, operation, key, request_hash, created_at)
       VALUES ('s', 'o', 'old', $1, now() - interval '25 hours'), ('s', 'o', 'recent', $1, now() - interval '23 hours')`,
      hashOf('8'),
    );
    const sweeper = new IdempotencySweeper(db, {
      retentionMs: 24 * 3600 * 1000,
      intervalMs: 60_000,
      batchSize: 1,
    });
    expect(await sweeper.sweepOnce()).toBeGreaterThanOrEqual(1);
    expect(await keyRows('old')).toEqual([]);
    expect(await keyRows('recent')).toHaveLength(1);
  });
});
