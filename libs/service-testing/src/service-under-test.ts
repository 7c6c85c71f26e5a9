import { generateKeyPairSync } from 'node:crypto';
import type { DynamicModule, INestMicroservice } from '@nestjs/common';
import type { NatsConnection } from '@nats-io/transport-node';
import type { DataServiceConfig } from '@gongkai/config';
import type { DataServiceName, RequestMeta } from '@gongkai/contracts';
import { ActorProofSigner, ServiceClient, connectNats } from '@gongkai/messaging';
import { dropDatabase } from '@gongkai/persistence';
import { startDataService } from '@gongkai/service-kit';
import { deleteStreamsOfRun, newRunId, testDatabaseUrl, TEST_NATS_URL } from '@gongkai/testing';

export interface ServiceUnderTest {
  runId: string;
  app: INestMicroservice;
  nc: NatsConnection;
  /** Talks to the service as the gateway does, proving the actor with this run's gateway key. */
  client: ServiceClient;
  meta: RequestMeta;
  databaseUrl: string;
  stop(): Promise<void>;
}

/**
 * Starts one real data service in this process (the same `startDataService` its main.ts calls)
 * on its own database and NATS prefix, with a client to talk to it the way the gateway does:
 * each run makes its own gateway actor key pair (GATEWAY_ACTOR_PUBLIC_KEY for the service, the
 * private half for the client), so a person named as actor on an internal-call subject is proven.
 */
export async function startServiceUnderTest(options: {
  service: DataServiceName;
  module: (config: DataServiceConfig) => DynamicModule;
  prismaDir: string;
  env?: Record<string, string>;
}): Promise<ServiceUnderTest> {
  const runId = newRunId();
  const databaseUrl = testDatabaseUrl(runId, options.service);
  const actorKeys = generateKeyPairSync('ed25519');
  const boot = startDataService({
    service: options.service,
    module: options.module,
    prismaDir: options.prismaDir,
    env: {
      NATS_URL: TEST_NATS_URL,
      NATS_PREFIX: runId,
      [`${options.service.toUpperCase()}_DATABASE_URL`]: databaseUrl,
      OUTBOX_POLL_MS: '50',
      CONSUMER_BACKOFF_MS: '50,100',
      LOG_LEVEL: 'warn',
      GATEWAY_ACTOR_PUBLIC_KEY: actorKeys.publicKey.export({ type: 'spki', format: 'pem' }).toString(),
      ...options.env,
    },
  });
  // A service that fails to boot must not leave its database and streams behind.
  const app = await boot.catch(async (error: unknown) => {
    await deleteStreamsOfRun(runId);
    await dropDatabase(databaseUrl);
    throw error;
  });
  const nc = await connectNats({ servers: TEST_NATS_URL, name: `${runId}-test` });
  const client = new ServiceClient(nc, {
    prefix: runId,
    defaultTimeoutMs: 5000,
    actorProofSigner: new ActorProofSigner(actorKeys.privateKey),
  });
  return {
    runId,
    app,
    nc,
    client,
    databaseUrl,
    meta: { actor: { kind: 'person', id: 'tester' }, correlationId: `corr-${runId}` },
    stop: async () => {
      await nc.close();
      await app.close();
      await deleteStreamsOfRun(runId);
      await dropDatabase(databaseUrl);
    },
  };
}
