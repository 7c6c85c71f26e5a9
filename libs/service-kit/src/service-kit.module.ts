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
import { SERVICE_CONFIG } from './service-config.token';
import { DepartmentProjectionConsumer } from './department-projection/department-projection.consumer';
import { DEPARTMENT_PROJECTION_DB } from './department-projection/department-projection.tokens';
import { createProjectedDepartmentsController } from './department-projection/projected-departments.controller';
import { DEPARTMENT_PROJECTING_SERVICES, type DepartmentProjectingService } from '@gongkai/contracts';

export interface ServiceKitOptions {
  config: DataServiceConfig;
  /** The service's own PrismaService (extends its generated PrismaClient). */
  prisma: Type<TransactionalSqlClient>;
  /** Injectable classes, provided by feature modules, each one durable JetStream consumer. */
  consumers?: Type<EventConsumer>[];
  /** Keep a `department_projection` from permissions' events and answer `<service>.departments.list`. */
  departmentProjection?: boolean;
}

function isProjecting(service: string): service is DepartmentProjectingService {
  return (DEPARTMENT_PROJECTING_SERVICES as readonly string[]).includes(service);
}

/**
 * What every data service has: its config, its database client, its event plumbing (outbox
 * relay, consumers, dead letters over NATS), `Idempotency-Key` handling for every command
 * (keys stored in the command's own transaction) and a health answer for the gateway's /readyz.
 */
@Global()
@Module({})
export class ServiceKitModule {
  static forService(options: ServiceKitOptions): DynamicModule {
    const prisma = options.prisma;
    const service = options.config.service;
    const projecting = options.departmentProjection === true;
    if (projecting && !isProjecting(service))
      throw new Error(`${service} does not keep a department projection`);
    const consumers = [...(options.consumers ?? []), ...(projecting ? [DepartmentProjectionConsumer] : [])];
    const projectionControllers =
      projecting && isProjecting(service) ? [createProjectedDepartmentsController(service)] : [];
    return {
      module: ServiceKitModule,
      imports: [
        HealthResponderModule.forService({
          service: options.config.service,
          inject: [ServiceObservability],
          readinessCheck: (observability: ServiceObservability) => observability.readiness(),
        }),
      ],
      controllers: [createDeadLettersController(service), ...projectionControllers],
      providers: [
        { provide: SERVICE_CONFIG, useValue: options.config },
        { provide: MESSAGING_OPTIONS, useValue: { prisma, consumers } },
        prisma,
        { provide: DEPARTMENT_PROJECTION_DB, useExisting: prisma },
        { provide: IDEMPOTENCY_DB, useExisting: prisma },
        {
          provide: APP_INTERCEPTOR,
          inject: [IDEMPOTENCY_DB, SERVICE_CONFIG],
          useFactory: createIdempotencyInterceptor,
        },
        IdempotencySweeperLifecycle,
        ...(projecting ? [DepartmentProjectionConsumer] : []),
        MessagingLifecycle,
        {
          provide: ServiceObservability,
          inject: [prisma, MessagingLifecycle],
          useFactory: (db: TransactionalSqlClient, messaging: MessagingLifecycle) =>
            new ServiceObservability(options.config, db, messaging),
        },
      ],
      exports: [SERVICE_CONFIG, prisma, MessagingLifecycle, ServiceObservability],
    };
  }
}
