import type { KeyObject } from 'node:crypto';
import { Module, type DynamicModule } from '@nestjs/common';
import { loadGatewayActorSigningKey, type GatewayConfig } from '@gongkai/config';
import { ActorProofSigner, ServiceClientModule, natsAuthOptions, prefixSubject } from '@gongkai/messaging';
import { LoggerModule } from 'nestjs-pino';
import type { DestinationStream } from 'pino';
import { authProviders } from './auth/auth.providers';
import { CasesModule } from './cases/cases.module';
import { CatalogueModule } from './catalogue/catalogue.module';
import { GATEWAY_CONFIG } from './config/gateway-config.token';
import { DepartmentsModule } from './departments/departments.module';
import { HealthController } from './health/health.controller';
import { READINESS_SERVICES, ReadinessService, servicesBehindGateway } from './health/readiness.service';
import { loggerParams } from './http/logger-params';
import { MetricsController } from './metrics/metrics.controller';
import { MetricsService } from './metrics/metrics.service';
import { OpsModule } from './ops/ops.module';
import { PermissionsModule } from './permissions/permissions.module';
import { ReportsModule } from './reports/reports.module';
import { RoundsModule } from './rounds/rounds.module';

export interface AppModuleOptions {
  /** Where JSON logs go; stdout by default. Tests pass a stream to read them. */
  logDestination?: DestinationStream;
  /**
   * GATEWAY_ACTOR_SIGNING_KEY, which signs the actor on the subjects services may publish too
   * (main.ts loads it with the config); read from process.env when not given.
   */
  actorSigningKey?: KeyObject;
}

@Module({})
export class AppModule {
  static forRoot(config: GatewayConfig, options: AppModuleOptions = {}): DynamicModule {
    return {
      module: AppModule,
      imports: [
        LoggerModule.forRoot(loggerParams(config, options.logDestination)),
        ServiceClientModule.forRoot({
          servers: config.nats.url,
          prefix: config.nats.prefix,
          defaultTimeoutMs: config.nats.requestTimeoutMs,
          name: prefixSubject(config.nats.prefix, 'gateway'),
          validateReplies: config.nodeEnv !== 'production',
          auth: natsAuthOptions('gateway', config.nats.credentials),
          actorProofSigner: new ActorProofSigner(options.actorSigningKey ?? loadGatewayActorSigningKey()),
        }),
        DepartmentsModule,
        OpsModule,
        PermissionsModule,
        CasesModule,
        CatalogueModule,
        RoundsModule,
        ReportsModule,
      ],
      controllers: [HealthController, MetricsController],
      providers: [
        { provide: GATEWAY_CONFIG, useValue: config },
        { provide: READINESS_SERVICES, useValue: servicesBehindGateway() },
        ReadinessService,
        MetricsService,
        ...authProviders,
      ],
    };
  }
}
