import { Global, Module, type DynamicModule, type Type } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import type { DataServiceConfig } from '@gongkai/config';
import { HealthResponderModule, type EventConsumer, type TransactionalSqlClient } from '@gongkai/messaging';
import { createDeadLettersController } from './dead-letters.controller';
import {
  createIdempotencyInterceptor,
  IDEMPOTENCY_DB,
  IdempotencySweeperLifecycle,
} from './idempotency-lifecycle';
import { MESSAGING_OPTIONS, MessagingLifecycle } from './messaging-lifecycle';
import { ServiceObservability } from './observability/service-observability';
import { Clock } from './unit-of-work/clock';
import type { UniqueIndexReasons } from './unit-of-work/unique-violation';
import { UNIQUE_INDEX_REASONS, UNIT_OF_WORK_DB, UnitOfWork } from './unit-of-work/unit-of-work';
import { SERVICE_CONFIG } from './service-config.token';

export interface ServiceKitOptions {
  config: DataServiceConfig;
  /** The service's own PrismaService (extends its generated PrismaClient). */
  prisma: Type<TransactionalSqlClient>;
  /**
   * Injectable classes, provided by feature modules, each one durable JetStream consumer
   * (e.g. `DepartmentProjectionConsumer` from `DepartmentProjectionModule`).
   */
  consumers?: Type<EventConsumer>[];
  /**
   * The service's unique indexes a concurrent request can race on, each with its own reason
   * (e.g. `department_code_key` → DEPARTMENT_CODE_TAKEN); others report UNIQUE_VALUE_TAKEN.
   */
  uniqueIndexes?: UniqueIndexReasons;
}

/**
 * What every data service has: its config, its database client, its event plumbing (outbox
 * relay, consumers, dead letters over NATS), `Idempotency-Key` handling for every command
 * (keys stored in the command's own transaction), the one UnitOfWork and Clock its use cases
 * share, and a health answer for the gateway's /readyz.
 */
@Global()
@Module({})
export class ServiceKitModule {
  static forService(options: ServiceKitOptions): DynamicModule {
    const prisma = options.prisma;
    const service = options.config.service;
    const consumers = options.consumers ?? [];
    return {
      module: ServiceKitModule,
      imports: [
        HealthResponderModule.forService({
          service: options.config.service,
          inject: [ServiceObservability],
          readinessCheck: (observability: ServiceObservability) => observability.readiness(),
        }),
      ],
      controllers: [createDeadLettersController(service)],
      providers: [
        { provide: SERVICE_CONFIG, useValue: options.config },
        { provide: MESSAGING_OPTIONS, useValue: { prisma, consumers } },
        prisma,
        { provide: IDEMPOTENCY_DB, useExisting: prisma },
        {
          provide: APP_INTERCEPTOR,
          inject: [IDEMPOTENCY_DB, SERVICE_CONFIG],
          useFactory: createIdempotencyInterceptor,
        },
        IdempotencySweeperLifecycle,
        MessagingLifecycle,
        { provide: UNIT_OF_WORK_DB, useExisting: prisma },
        { provide: UNIQUE_INDEX_REASONS, useValue: options.uniqueIndexes ?? {} },
        UnitOfWork,
        Clock,
        {
          provide: ServiceObservability,
          inject: [prisma, MessagingLifecycle],
          useFactory: (db: TransactionalSqlClient, messaging: MessagingLifecycle) =>
            new ServiceObservability(options.config, db, messaging),
        },
      ],
      exports: [SERVICE_CONFIG, prisma, MessagingLifecycle, ServiceObservability, UnitOfWork, Clock],
    };
  }
}
