import { randomBytes } from 'node:crypto';
import { Controller, Logger, type INestMicroservice, type Type } from '@nestjs/common';
import { Ctx, MessagePattern, NatsContext, Payload } from '@nestjs/microservices';
import { Test } from '@nestjs/testing';
import {
  CreateDepartmentSchema,
  DomainError,
  ErrorCode,
  type RequestMeta,
  type ServiceName,
} from '@gongkai/contracts';
import type { NatsConnection } from '@nats-io/transport-node';
import { z } from 'zod';
import {
  CORRELATION_ID_HEADER,
  HealthResponderModule,
  RemoteCallError,
  RpcErrorFilter,
  ServiceClient,
  ServiceNatsServer,
  connectNats,
  parseRequest,
  prefixSubject,
} from '../src/rpc';

const NATS_URL = process.env['NATS_URL'] ?? 'nats://127.0.0.1:4222';
const newPrefix = () => `t${randomBytes(5).toString('hex')}`;
const meta: RequestMeta = { actor: { kind: 'client', id: 'bootstrap-admin' }, correlationId: 'corr-rpc-1' };
// A subject only this file listens on: its unprefixed form reaches no real service (e.g. of a
// running `npm start` on the same NATS server), so asking it there changes nothing anywhere.
const PROBE_SUBJECT = `permissions.departments.probe-${randomBytes(4).toString('hex')}`;

let handledCreates = 0;

@Controller()
class DepartmentsStandIn {
  @MessagePattern('permissions.departments.create')
  create(@Payload() payload: unknown) {
    handledCreates += 1;
    const { body } = parseRequest(CreateDepartmentSchema, payload);
    if (body.code === 'TAKEN')
      throw new DomainError(ErrorCode.CONFLICT, 'code TAKEN is taken', { code: body.code });
    return { code: body.code, name: body.name };
  }

  @MessagePattern(PROBE_SUBJECT)
  probe(): string {
    return 'prefixed';
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
      'permissions.departments.create',
      { code: 'CS', name: 'Computing', type: 'college' },
      meta,
    );
    expect(result).toEqual({ code: 'CS', name: 'Computing' });
  });

  it('listens only on the prefixed subject', async () => {
    await expect(client.request(PROBE_SUBJECT, {}, meta)).resolves.toBe('prefixed');
    const unprefixed = new ServiceClient(connection, { prefix: '', defaultTimeoutMs: 500 });
    const error = await expectRemoteError(unprefixed.request(PROBE_SUBJECT, {}, meta));
    expect(error.code).toBe(ErrorCode.UNAVAILABLE);
  });

  it('carries meta in the payload and the correlation id in a NATS header', async () => {
    const result = await client.request<{ meta: RequestMeta; header: string; subject: string }>(
      'permissions.departments.whoami',
      {},
      meta,
    );
    expect(result.meta).toEqual(meta);
    expect(result.header).toBe('corr-rpc-1');
    expect(result.subject).toBe(`${prefix}.permissions.departments.whoami`);
  });

  it('delivers a DomainError to the caller with its code, message and details', async () => {
    const error = await expectRemoteError(
      client.request('permissions.departments.create', { code: 'TAKEN', name: 'x', type: 'office' }, meta),
    );
    expect(error.body).toEqual({
      code: ErrorCode.CONFLICT,
      message: 'code TAKEN is taken',
      details: { code: 'TAKEN' },
    });
  });

  it('answers VALIDATION_FAILED with the issues when parseRequest rejects the body', async () => {
    const error = await expectRemoteError(
      client.request(
        'permissions.departments.create',
        { code: 'CS', name: 42, type: 'office', extra: true },
        meta,
      ),
    );
    expect(error.code).toBe(ErrorCode.VALIDATION_FAILED);
    expect(error.body.details).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ path: ['body', 'name'], code: 'invalid_type' }),
        expect.objectContaining({ path: ['body'], code: 'unrecognized_keys', keys: ['extra'] }),
      ]),
    );
  });

  it('answers VALIDATION_FAILED when a handler throws a plain zod error', async () => {
    const error = await expectRemoteError(
      client.request('permissions.departments.list', { limit: 'ten' }, meta),
    );
    expect(error.code).toBe(ErrorCode.VALIDATION_FAILED);
    expect(error.body.details).toEqual([expect.objectContaining({ path: ['body', 'limit'] })]);
  });

  it('answers INTERNAL for an unexpected error, logs it and leaks nothing', async () => {
    const logged = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    try {
      const error = await expectRemoteError(client.request('permissions.departments.explode', {}, meta));
      expect(error.body).toEqual({ code: ErrorCode.INTERNAL, message: 'Internal error' });
      expect(logged).toHaveBeenCalledWith(
        expect.stringContaining('permissions.departments.explode'),
        expect.stringContaining('postgres://secret@db'),
      );
    } finally {
      logged.mockRestore();
    }
  });

  it('fails with TIMEOUT when the service answers too late', async () => {
    const started = Date.now();
    const error = await expectRemoteError(
      client.request('permissions.departments.slow', {}, meta, { timeoutMs: 300 }),
    );
    expect(error.code).toBe(ErrorCode.TIMEOUT);
    expect(Date.now() - started).toBeLessThan(1200);
  });

  it('fails with UNAVAILABLE at once when nobody answers the subject', async () => {
    const started = Date.now();
    const error = await expectRemoteError(
      client.request('rounds.rounds.list', {}, meta, { timeoutMs: 5000 }),
    );
    expect(error.code).toBe(ErrorCode.UNAVAILABLE);
    expect(Date.now() - started).toBeLessThan(1000);
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
      drainingClient.request('permissions.departments.slow', {}, meta),
      drainingClient.request('permissions.departments.slow', {}, meta),
    ];
    await new Promise((resolve) => setTimeout(resolve, 300));
    const started = Date.now();
    await draining.close();
    expect(Date.now() - started).toBeGreaterThan(900);
    await expect(Promise.all(inFlight)).resolves.toEqual(['late', 'late']);
    const error = await expectRemoteError(
      drainingClient.request('permissions.departments.get', {}, meta, { timeoutMs: 1000 }),
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
      await expect(clientA.request('permissions.departments.get', {}, meta)).resolves.toBe('A');
      await expect(clientB.request('permissions.departments.get', {}, meta)).resolves.toBe('B');
    }
    const error = await expectRemoteError(clientC.request('permissions.departments.get', {}, meta));
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
      const body = { code: 'CS', name: 'Computing', type: 'college' };
      await Promise.all(
        Array.from({ length: 20 }, () => client.request('permissions.departments.create', body, meta)),
      );
      // Without the queue group each request would run on both replicas.
      expect(handledCreates).toBe(20);
    } finally {
      for (const app of replicas) await app.close();
    }
  });
});
