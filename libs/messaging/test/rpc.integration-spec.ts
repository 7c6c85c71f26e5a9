import { randomBytes } from 'node:crypto';
import { Controller, Logger, type INestMicroservice, type Type } from '@nestjs/common';
import { Ctx, MessagePattern, NatsContext, Payload } from '@nestjs/microservices';
import { Test } from '@nestjs/testing';
import {
  CreateDepartmentSchema,
  DomainError,
  ErrorCode,
  RequestMetaSchema,
  defineRpc,
  type RequestMeta,
  type RpcDefinition,
  type ServiceName,
} from '@gongkai/contracts';
import type { NatsConnection } from '@nats-io/transport-node';
import { z } from 'zod';
import {
  CORRELATION_ID_HEADER,
  HealthResponderModule,
  RemoteCallError,
  RpcErrorFilter,
  RpcHandler,
  ServiceClient,
  ServiceNatsServer,
  connectNats,
  prefixSubject,
  type RpcRequest,
} from '../src/rpc';

const NATS_URL = process.env['NATS_URL'] ?? 'nats://127.0.0.1:4222';
const newPrefix = () => `t${randomBytes(5).toString('hex')}`;
const meta: RequestMeta = { actor: { kind: 'client', id: 'bootstrap-admin' }, correlationId: 'corr-rpc-1' };
// A subject only this file listens on: its unprefixed form reaches no real service (e.g. of a
// running `npm start` on the same NATS server), so asking it there changes nothing anywhere.
const PROBE_SUBJECT = `permissions.departments.probe-${randomBytes(4).toString('hex')}`;

/** Definitions of the stand-in's subjects (the real ones are in contracts). */
const StandInRpc = {
  create: defineRpc({
    subject: 'permissions.departments.create',
    request: CreateDepartmentSchema,
    reply: z.object({ code: z.string(), name: z.string() }),
  }),
  list: defineRpc({
    subject: 'permissions.departments.list',
    request: z.object({ limit: z.number() }),
    reply: z.object({ items: z.array(z.unknown()), nextCursor: z.string().nullable() }),
  }),
  /** Declares a reply its handler does not send. */
  misdescribed: defineRpc({
    subject: 'permissions.departments.misdescribed',
    request: z.object({ extra: z.boolean() }).strict(),
    reply: z.object({ code: z.string(), count: z.number() }),
  }),
  explode: defineRpc({ subject: 'permissions.departments.explode', request: z.object({}), reply: z.never() }),
  slow: defineRpc({ subject: 'permissions.departments.slow', request: z.object({}), reply: z.string() }),
  huge: defineRpc({ subject: 'permissions.departments.huge', request: z.object({}), reply: z.unknown() }),
  large: defineRpc({
    subject: 'permissions.departments.large',
    request: z.object({}),
    reply: z.object({
      items: z.array(z.object({ index: z.number(), text: z.string() })),
      nextCursor: z.null(),
    }),
  }),
  whoami: defineRpc({
    subject: 'permissions.departments.whoami',
    request: z.object({}),
    reply: z.object({ meta: RequestMetaSchema, header: z.string(), subject: z.string() }),
  }),
  get: defineRpc({ subject: 'permissions.departments.get', request: z.object({}), reply: z.string() }),
  probe: defineRpc({ subject: PROBE_SUBJECT, request: z.object({}), reply: z.string() }),
} as const;

/** The same subject and reply, with a body the caller may get wrong on purpose. */
const anyBody = <TDefinition extends RpcDefinition>(definition: TDefinition) =>
  defineRpc({ subject: definition.subject, request: z.unknown(), reply: definition.reply });

let handledCreates = 0;

@Controller()
class DepartmentsStandIn {
  @RpcHandler(StandInRpc.create)
  create({ body }: RpcRequest<typeof StandInRpc.create>) {
    handledCreates += 1;
    if (body.code === 'TAKEN')
      throw new DomainError(ErrorCode.CONFLICT, 'code TAKEN is taken', { code: body.code });
    return { code: body.code, name: body.name };
  }

  @RpcHandler(StandInRpc.probe)
  probe(): string {
    return 'prefixed';
  }

  @RpcHandler(StandInRpc.misdescribed)
  misdescribed({ body }: RpcRequest<typeof StandInRpc.misdescribed>) {
    // What a service might really send: a field renamed, one added, against its definition.
    const sent: unknown = body.extra ? { code: 'CS', count: 1, secret: 'x' } : { code: 'CS', total: 1 };
    return sent as { code: string; count: number };
  }

  @MessagePattern('permissions.departments.list')
  list(@Payload() payload: unknown) {
    // A handler that validates with plain zod (no parseRequest) still answers VALIDATION_FAILED.
    z.object({ body: z.object({ limit: z.number() }) }).parse(payload);
    return { items: [], nextCursor: null };
  }

  @MessagePattern('permissions.departments.explode')
  explode(): never {
    throw new Error('connection string postgres://secret@db leaked?');
  }

  @MessagePattern('permissions.departments.large')
  large() {
    // 2000 items of 1 KB of Chinese text (3 bytes a character): about 2 MB, over max_payload
    // as it is and far under it compressed.
    return {
      items: Array.from({ length: 2000 }, (_, index) => ({ index, text: `公开${index}`.repeat(170) })),
      nextCursor: null,
    };
  }

  @MessagePattern('permissions.departments.huge')
  huge() {
    // 2000 items of 4 KB of random text: 8 MB that no compression brings under max_payload.
    return {
      items: Array.from({ length: 2000 }, (_, index) => ({
        index,
        text: randomBytes(3072).toString('base64'),
      })),
      nextCursor: null,
    };
  }

  @MessagePattern('permissions.departments.slow')
  async slow(): Promise<string> {
    await new Promise((resolve) => setTimeout(resolve, 1500));
    return 'late';
  }

  @MessagePattern('permissions.departments.whoami')
  whoami(@Payload() payload: { meta: RequestMeta }, @Ctx() context: NatsContext) {
    return {
      meta: payload.meta,
      header: context.getHeaders()?.get(CORRELATION_ID_HEADER),
      subject: context.getSubject(),
    };
  }
}

function answering(label: string): Type<unknown> {
  @Controller()
  class Answering {
    @MessagePattern('permissions.departments.get')
    get() {
      return label;
    }
  }
  return Answering;
}

async function startService(options: {
  prefix: string;
  service: ServiceName;
  controllers: Type<unknown>[];
}): Promise<INestMicroservice> {
  const moduleRef = await Test.createTestingModule({
    imports: [HealthResponderModule.forService({ service: options.service })],
    controllers: options.controllers,
  }).compile();
  const app = moduleRef.createNestMicroservice({
    strategy: new ServiceNatsServer({ servers: NATS_URL, prefix: options.prefix, service: options.service }),
    logger: false,
  });
  app.useGlobalFilters(new RpcErrorFilter());
  await app.listen();
  return app;
}

async function expectRemoteError(promise: Promise<unknown>): Promise<RemoteCallError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(RemoteCallError);
    return error as RemoteCallError;
  }
  throw new Error('expected the call to fail');
}

describe('request/reply over NATS with a deployment prefix', () => {
  const prefix = newPrefix();
  let service: INestMicroservice;
  let connection: NatsConnection;
  let client: ServiceClient;

  beforeAll(async () => {
    service = await startService({ prefix, service: 'permissions', controllers: [DepartmentsStandIn] });
    connection = await connectNats({ servers: NATS_URL, name: 'rpc-spec' });
    client = new ServiceClient(connection, { prefix, defaultTimeoutMs: 2000 });
  });

  afterAll(async () => {
    await service?.close();
    await connection?.close();
  });

  it('answers a request sent to the prefixed subject', async () => {
    const result = await client.request(
      StandInRpc.create,
      { code: 'CS', name: 'Computing', type: 'college' },
      meta,
    );
    expect(result).toEqual({ code: 'CS', name: 'Computing' });
  });

  it('listens only on the prefixed subject', async () => {
    await expect(client.request(StandInRpc.probe, {}, meta)).resolves.toBe('prefixed');
    const unprefixed = new ServiceClient(connection, { prefix: '', defaultTimeoutMs: 500 });
    const error = await expectRemoteError(unprefixed.request(StandInRpc.probe, {}, meta));
    expect(error.code).toBe(ErrorCode.UNAVAILABLE);
  });

  it('carries meta in the payload and the correlation id in a NATS header', async () => {
    const result = await client.request(StandInRpc.whoami, {}, meta);
    expect(result.meta).toEqual(meta);
    expect(result.header).toBe('corr-rpc-1');
    expect(result.subject).toBe(`${prefix}.permissions.departments.whoami`);
  });

  it('delivers a DomainError to the caller with its code, message and details', async () => {
    const error = await expectRemoteError(
      client.request(StandInRpc.create, { code: 'TAKEN', name: 'x', type: 'office' }, meta),
    );
    expect(error.body).toEqual({
      code: ErrorCode.CONFLICT,
      message: 'code TAKEN is taken',
      details: { code: 'TAKEN' },
    });
  });

  it('answers VALIDATION_FAILED with the issues when @RpcHandler rejects the body, before the method runs', async () => {
    const before = handledCreates;
    const error = await expectRemoteError(
      client.request(anyBody(StandInRpc.create), { code: 'CS', name: 42, type: 'office', extra: true }, meta),
    );
    expect(handledCreates).toBe(before);
    expect(error.code).toBe(ErrorCode.VALIDATION_FAILED);
    expect(error.body.details).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ path: ['body', 'name'], code: 'invalid_type' }),
        expect.objectContaining({ path: ['body'], code: 'unrecognized_keys', keys: ['extra'] }),
      ]),
    );
  });

  it('answers VALIDATION_FAILED when a handler throws a plain zod error', async () => {
    const error = await expectRemoteError(client.request(anyBody(StandInRpc.list), { limit: 'ten' }, meta));
    expect(error.code).toBe(ErrorCode.VALIDATION_FAILED);
    expect(error.body.details).toEqual([expect.objectContaining({ path: ['body', 'limit'] })]);
  });

  it('answers INTERNAL for an unexpected error, logs it and leaks nothing', async () => {
    const logged = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    try {
      const error = await expectRemoteError(client.request(StandInRpc.explode, {}, meta));
      expect(error.body).toEqual({ code: ErrorCode.INTERNAL, message: 'Internal error' });
      expect(logged).toHaveBeenCalledWith(
        expect.stringContaining('permissions.departments.explode'),
        expect.stringContaining('postgres://secret@db'),
      );
    } finally {
      logged.mockRestore();
    }
  });

  it('sends a reply over max_payload compressed, and the caller reads it whole', async () => {
    const result = await client.request(StandInRpc.large, {}, meta, { timeoutMs: 5000 });
    expect(Buffer.byteLength(JSON.stringify(result))).toBeGreaterThan(1_048_576);
    expect(result.items).toHaveLength(2000);
    expect(result.items[1999]).toEqual({ index: 1999, text: '公开1999'.repeat(170) });
  });

  it('answers a clear error at once when its reply would not fit in a NATS message, instead of a timeout', async () => {
    const logged = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    try {
      const started = Date.now();
      const error = await expectRemoteError(client.request(StandInRpc.huge, {}, meta, { timeoutMs: 5000 }));
      expect(error.body).toMatchObject({
        code: ErrorCode.INTERNAL,
        message: expect.stringMatching(
          /^The answer to permissions\.departments\.huge is \d+ bytes, more than the message bus carries .*ask for fewer items/,
        ),
        details: { subject: 'permissions.departments.huge', maxBytes: 1_048_576 - 4096 },
      });
      expect(Date.now() - started).toBeLessThan(4000);
      expect(logged).toHaveBeenCalledWith(expect.stringContaining('over max_payload'));
    } finally {
      logged.mockRestore();
    }
  });

  it('fails with TIMEOUT when the service answers too late', async () => {
    const started = Date.now();
    const error = await expectRemoteError(client.request(StandInRpc.slow, {}, meta, { timeoutMs: 300 }));
    expect(error.code).toBe(ErrorCode.TIMEOUT);
    expect(Date.now() - started).toBeLessThan(1200);
  });

  it('fails with UNAVAILABLE at once when nobody answers the subject', async () => {
    const started = Date.now();
    const error = await expectRemoteError(
      client.request(
        defineRpc({ subject: 'rounds.rounds.list', request: z.object({}), reply: z.unknown() }),
        {},
        meta,
        { timeoutMs: 5000 },
      ),
    );
    expect(error.code).toBe(ErrorCode.UNAVAILABLE);
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('fails with INTERNAL naming the subject and the issues when a reply does not match its definition', async () => {
    const error = await expectRemoteError(client.request(StandInRpc.misdescribed, { extra: false }, meta));
    expect(error.code).toBe(ErrorCode.INTERNAL);
    expect(error.body.message).toContain('permissions.departments.misdescribed');
    expect(error.body.details).toEqual(
      expect.arrayContaining([expect.objectContaining({ path: ['count'], code: 'invalid_type' })]),
    );
  });

  it('also refuses a reply with fields its definition does not name', async () => {
    const error = await expectRemoteError(client.request(StandInRpc.misdescribed, { extra: true }, meta));
    expect(error.code).toBe(ErrorCode.INTERNAL);
    expect(error.body.details).toEqual([
      expect.objectContaining({ path: ['secret'], code: 'unrecognized_keys' }),
    ]);
  });

  it('passes replies through unchecked when reply validation is off (production)', async () => {
    const unchecked = new ServiceClient(connection, {
      prefix,
      defaultTimeoutMs: 2000,
      validateReplies: false,
    });
    await expect(unchecked.request(StandInRpc.misdescribed, { extra: false }, meta)).resolves.toEqual({
      code: 'CS',
      total: 1,
    });
  });

  it('answers the health subject', async () => {
    const reply = await client.ping('permissions', meta, 1000);
    expect(reply).toEqual(expect.objectContaining({ service: 'permissions', status: 'ok', database: 'n/a' }));
  });

  it('answers the requests in flight when the service closes, then stops answering', async () => {
    const drainingPrefix = newPrefix();
    const draining = await startService({
      prefix: drainingPrefix,
      service: 'permissions',
      controllers: [DepartmentsStandIn],
    });
    const drainingClient = new ServiceClient(connection, { prefix: drainingPrefix, defaultTimeoutMs: 5000 });
    // Both take 1.5 s; the service is asked to close while they run.
    const inFlight = [
      drainingClient.request(StandInRpc.slow, {}, meta),
      drainingClient.request(StandInRpc.slow, {}, meta),
    ];
    await new Promise((resolve) => setTimeout(resolve, 300));
    const started = Date.now();
    await draining.close();
    expect(Date.now() - started).toBeGreaterThan(900);
    await expect(Promise.all(inFlight)).resolves.toEqual(['late', 'late']);
    const error = await expectRemoteError(
      drainingClient.request(StandInRpc.get, {}, meta, { timeoutMs: 1000 }),
    );
    expect(error.code).toBe(ErrorCode.UNAVAILABLE);
  });

  it('answers a plain NATS request that is not a Nest packet (e.g. the nats CLI)', async () => {
    const reply = await connection.request(prefixSubject(prefix, 'permissions.health.ping'), '', {
      timeout: 1000,
    });
    expect(reply.json()).toEqual(
      expect.objectContaining({ response: expect.objectContaining({ status: 'ok' }) }),
    );
  });
});

describe('isolation between deployment prefixes and replicas', () => {
  const prefixA = newPrefix();
  const prefixB = newPrefix();
  const started: INestMicroservice[] = [];
  let connection: NatsConnection;

  beforeAll(async () => {
    started.push(
      await startService({ prefix: prefixA, service: 'permissions', controllers: [answering('A')] }),
    );
    started.push(
      await startService({ prefix: prefixB, service: 'permissions', controllers: [answering('B')] }),
    );
    connection = await connectNats({ servers: NATS_URL, name: 'rpc-spec-isolation' });
  });

  afterAll(async () => {
    for (const app of started) await app.close();
    await connection?.close();
  });

  it('never lets one prefix answer another', async () => {
    const clientA = new ServiceClient(connection, { prefix: prefixA, defaultTimeoutMs: 1000 });
    const clientB = new ServiceClient(connection, { prefix: prefixB, defaultTimeoutMs: 1000 });
    const clientC = new ServiceClient(connection, { prefix: newPrefix(), defaultTimeoutMs: 1000 });
    for (let i = 0; i < 10; i += 1) {
      await expect(clientA.request(StandInRpc.get, {}, meta)).resolves.toBe('A');
      await expect(clientB.request(StandInRpc.get, {}, meta)).resolves.toBe('B');
    }
    const error = await expectRemoteError(clientC.request(StandInRpc.get, {}, meta));
    expect(error.code).toBe(ErrorCode.UNAVAILABLE);
  });

  it('shares requests between replicas of a service through its queue group', async () => {
    const prefix = newPrefix();
    handledCreates = 0;
    const replicas = [
      await startService({ prefix, service: 'permissions', controllers: [DepartmentsStandIn] }),
      await startService({ prefix, service: 'permissions', controllers: [DepartmentsStandIn] }),
    ];
    try {
      const client = new ServiceClient(connection, { prefix, defaultTimeoutMs: 1000 });
      const body = { code: 'CS', name: 'Computing', type: 'college' } as const;
      await Promise.all(Array.from({ length: 20 }, () => client.request(StandInRpc.create, body, meta)));
      // Without the queue group each request would run on both replicas.
      expect(handledCreates).toBe(20);
    } finally {
      for (const app of replicas) await app.close();
    }
  });
});
