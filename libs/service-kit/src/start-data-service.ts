import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { NestFactory } from '@nestjs/core';
import type { DynamicModule, INestMicroservice } from '@nestjs/common';
import {
  loadDataServiceConfig,
  loadGatewayActorPublicKey,
  type DataServiceConfig,
  type Env,
} from '@gongkai/config';
import type { DataServiceName } from '@gongkai/contracts';
import { ActorProofVerifier, RpcErrorFilter, ServiceNatsServer, natsAuthOptions } from '@gongkai/messaging';
import { applyMigrations, ensureDatabase, ensureServiceRole } from '@gongkai/persistence';
import { closeOnSignals } from './close-on-signals';
import { JsonLogger } from './json-logger';

export interface StartDataServiceOptions {
  service: DataServiceName;
  /** Builds the service's root module from its parsed config. */
  module: (config: DataServiceConfig) => DynamicModule;
  /** The service's `prisma` folder (schema/ and migrations/). */
  prismaDir: string;
  /** Tables its run-time role may only append to (audit logs, ledgers): no UPDATE, DELETE, TRUNCATE. */
  appendOnlyTables?: readonly string[];
  env?: Env;
}

/**
 * Boots one data service: config validated first, its database created and migrated (unless
 * MIGRATE_ON_BOOT=false), then the NestJS microservice answering on NATS.
 */
export async function startDataService(options: StartDataServiceOptions): Promise<INestMicroservice> {
  const config = loadDataServiceConfig(options.service, options.env);
  // GATEWAY_ACTOR_PUBLIC_KEY: required in production, the development key otherwise.
  const actorProofs = new ActorProofVerifier(loadGatewayActorPublicKey(options.service, options.env));
  const logger = new JsonLogger({ service: options.service, level: config.logLevel });
  if (config.database.migrateOnBoot) {
    await ensureDatabase(config.database.migrationUrl);
    const applied = await applyMigrations({
      databaseUrl: config.database.migrationUrl,
      schemaDir: join(options.prismaDir, 'schema'),
      migrationsDir: join(options.prismaDir, 'migrations'),
    });
    if (applied.length > 0) logger.log(`Applied migrations: ${applied.join(', ')}`, 'Migrations');
    // The migrator owns the tables; the service itself connects as a role that owns nothing.
    const { serviceRole } = config.database;
    if (serviceRole) {
      await ensureServiceRole({
        ownerUrl: config.database.migrationUrl,
        role: serviceRole.name,
        password: serviceRole.password,
        appendOnlyTables: options.appendOnlyTables ?? [],
      });
      logger.log(`Connecting as ${serviceRole.name}`, 'Database');
    }
  }
  const app = await NestFactory.createMicroservice(options.module(config), {
    strategy: new ServiceNatsServer({
      servers: config.nats.url,
      prefix: config.nats.prefix,
      service: options.service,
      ...natsAuthOptions(options.service, config.nats.credentials),
      // On shutdown, replies in flight are sent first; no caller waits longer than this anyway.
      drainTimeoutMs: config.nats.requestTimeoutMs,
      // A person or API client named on a subject services may publish too needs the gateway's proof.
      actorProofs,
    }),
    logger,
  });
  app.useGlobalFilters(new RpcErrorFilter());
  closeOnSignals(app);
  await app.listen();
  logger.log(`${options.service} is listening on NATS ${config.nats.url}`, 'Bootstrap');
  return app;
}

/** Where a service's prisma folder is: next to the bundle when built, else in the source tree. */
export function resolvePrismaDir(service: DataServiceName, bundleDir: string): string {
  const candidates = [join(bundleDir, 'prisma'), join(process.cwd(), 'apps', service, 'prisma')];
  const found = candidates.find((candidate) => existsSync(join(candidate, 'migrations')));
  if (!found) throw new Error(`Cannot find the ${service} migrations; looked in ${candidates.join(', ')}`);
  return found;
}
