import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { Controller, type INestMicroservice } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import {
  ActorSchema,
  CatalogueRpc,
  CommonErrorReasons,
  ErrorCode,
  defineRpc,
  type Actor,
  type RequestMeta,
} from '@gongkai/contracts';
import type { NatsConnection } from '@nats-io/transport-node';
import { z } from 'zod';
import {
  ActorProofSigner,
  ActorProofVerifier,
  RemoteCallError,
  RpcErrorFilter,
  RpcHandler,
  ServiceClient,
  ServiceNatsServer,
  connectNats,
  encodeRequest,
  prefixSubject,
  type RpcRequest,
} from '../src/rpc';

const NATS_URL = process.env['NATS_URL'] ?? 'nats://127.0.0.1:4222';

/** catalogue.publications.get as the stand-in answers it: who it was asked by. */
const GetPublication = defineRpc({
  subject: CatalogueRpc.getPublication.subject,
  request: CatalogueRpc.getPublication.request,
  reply: z.object({ actor: ActorSchema, drafts: z.boolean() }),
});
/** A subject only the gateway may publish (NATS permissions): no proof asked for. */
const GetItem = defineRpc({
  subject: 'catalogue.items.get',
  request: z.object({ itemId: z.string() }),
  reply: z.object({ actor: ActorSchema }),
});

const handled: Actor[] = [];

@Controller()
class CatalogueStandIn {
  @RpcHandler(GetPublication)
  get({ meta }: RpcRequest<typeof GetPublication>) {
    handled.push(meta.actor);
    // As the real handler: a person who works on the item sees drafts, a system actor does not.
    return { actor: meta.actor, drafts: meta.actor.kind !== 'system' };
  }

  @RpcHandler(GetItem)
  item({ meta }: RpcRequest<typeof GetItem>) {
    return { actor: meta.actor };
  }
}

describe('the gateway actor proof on catalogue.publications.get, over NATS', () => {
  const prefix = `t${randomBytes(5).toString('hex')}`;
  const gatewayKeys = generateKeyPairSync('ed25519');
  const body = {
    itemId: '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b',
    publicationId: '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5c',
  };
  /** The disclosure office's head, whom a compromised rounds would like to be. */
  const officeHead: RequestMeta = {
    actor: { kind: 'person', id: '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a60' },
    correlationId: `corr-${prefix}`,
  };
  let service: INestMicroservice;
  let connection: NatsConnection;
  let gateway: ServiceClient;
  let rounds: ServiceClient;

  beforeAll(async () => {
    const moduleRef = await Test.createTestingModule({ controllers: [CatalogueStandIn] }).compile();
    service = moduleRef.createNestMicroservice({
      strategy: new ServiceNatsServer({
        servers: NATS_URL,
        prefix,
        service: 'catalogue',
        actorProofs: new ActorProofVerifier(gatewayKeys.publicKey),
      }),
      logger: false,
    });
    service.useGlobalFilters(new RpcErrorFilter());
    await service.listen();
    connection = await connectNats({ servers: NATS_URL, name: 'actor-proof-spec' });
    gateway = new ServiceClient(connection, {
      prefix,
      defaultTimeoutMs: 3000,
      actorProofSigner: new ActorProofSigner(gatewayKeys.privateKey),
    });
    // A service's client: it holds no signing key.
    rounds = new ServiceClient(connection, { prefix, defaultTimeoutMs: 3000 });
  });

  afterAll(async () => {
    await service?.close();
    await connection?.close();
  });

  beforeEach(() => {
    handled.length = 0;
  });

  async function refusal(promise: Promise<unknown>): Promise<RemoteCallError> {
    const error = await promise.then(
      () => {
        throw new Error('expected a refusal');
      },
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(RemoteCallError);
    return error as RemoteCallError;
  }

  it('answers the person the gateway signed for', async () => {
    await expect(gateway.request(GetPublication, body, officeHead)).resolves.toEqual({
      actor: officeHead.actor,
      drafts: true,
    });
    expect(handled).toEqual([officeHead.actor]);
  });

  it('refuses a service naming a person without a proof, before the handler runs', async () => {
    const error = await refusal(rounds.request(GetPublication, body, officeHead));
    expect(error.code).toBe(ErrorCode.FORBIDDEN);
    expect(error.reason).toBe(CommonErrorReasons.ACTOR_NOT_PROVEN.reason);
    expect(error.body.message).toMatch(/Only the gateway may name a person or API client/);
    expect(error.body.details).toEqual({ problem: 'missing' });
    expect(handled).toEqual([]);
  });

  it('refuses a proof forged with another key', async () => {
    const forger = new ServiceClient(connection, {
      prefix,
      defaultTimeoutMs: 3000,
      actorProofSigner: new ActorProofSigner(generateKeyPairSync('ed25519').privateKey),
    });
    const error = await refusal(forger.request(GetPublication, body, officeHead));
    expect(error.reason).toBe(CommonErrorReasons.ACTOR_NOT_PROVEN.reason);
    expect(error.body.details).toEqual({ problem: 'invalid' });
    expect(handled).toEqual([]);
  });

  it("refuses the gateway's proof for one person put on a request for another", async () => {
    const student: RequestMeta = { ...officeHead, actor: { kind: 'person', id: 'a-student' } };
    const proven = new ActorProofSigner(gatewayKeys.privateKey).stamp(GetPublication.subject, student);
    const swapped = { ...proven, actor: officeHead.actor };
    const reply = await connection.request(
      prefixSubject(prefix, GetPublication.subject),
      encodeRequest({ id: 'forged', pattern: GetPublication.subject, data: { meta: swapped, body } }),
      { timeout: 3000 },
    );
    expect(reply.json()).toMatchObject({
      id: 'forged',
      err: { code: ErrorCode.FORBIDDEN, reason: 'ACTOR_NOT_PROVEN', details: { problem: 'invalid' } },
    });
    expect(handled).toEqual([]);
  });

  it('lets a service ask as its own system actor, which gets the system view', async () => {
    const system: RequestMeta = { actor: { kind: 'system', id: 'rounds' }, correlationId: 'corr-system' };
    await expect(rounds.request(GetPublication, body, system)).resolves.toEqual({
      actor: system.actor,
      drafts: false,
    });
  });

  it('asks no proof on the subjects only the gateway may publish', async () => {
    await expect(rounds.request(GetItem, { itemId: body.itemId }, officeHead)).resolves.toEqual({
      actor: officeHead.actor,
    });
  });
});
