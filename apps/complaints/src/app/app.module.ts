import { Module, type DynamicModule } from '@nestjs/common';
import type { DataServiceConfig } from '@gongkai/config';
import { DecisionsModule } from '@gongkai/decisions';
import { DepartmentProjectionConsumer, DepartmentProjectionModule } from '@gongkai/department-projection';
import { ServiceClientModule, natsAuthOptions, prefixSubject } from '@gongkai/messaging';
import { ServiceKitModule } from '@gongkai/service-kit';
import { CasesModule } from './cases/cases.module';
import { DepartmentChangesConsumer } from './people/department-changes/department-changes.consumer';
import { PersonChangesConsumer } from './people/person-changes/person-changes.consumer';
import { RoleHoldersConsumer } from './people/role-holders/role-holders.consumer';
import { COMPLAINTS_CONFIG, loadComplaintsConfig, type ComplaintsConfig } from './config/complaints-config';
import { ConfigModule } from './config/config.module';
import { PrismaService } from './prisma.service';

@Module({})
export class AppModule {
  /** `complaints`: the service's own settings (SLA policies, the periodic pass), from the environment by default. */
  static register(
    config: DataServiceConfig,
    complaints: ComplaintsConfig = loadComplaintsConfig(),
  ): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ServiceKitModule.forService({
          config,
          prisma: PrismaService,
          consumers: [
            DepartmentProjectionConsumer,
            RoleHoldersConsumer,
            PersonChangesConsumer,
            DepartmentChangesConsumer,
          ],
        }),
        DepartmentProjectionModule.forService({ service: 'complaints', prisma: PrismaService }),
        // Requests to other services: permissions.decisions.check (through DecisionsModule).
        ServiceClientModule.forRoot({
          servers: config.nats.url,
          prefix: config.nats.prefix,
          defaultTimeoutMs: config.nats.requestTimeoutMs,
          name: prefixSubject(config.nats.prefix, 'complaints-client'),
          validateReplies: config.nodeEnv !== 'production',
          auth: natsAuthOptions('complaints', config.nats.credentials),
        }),
        // Those checks, cached until a permissions event says otherwise (CaseAccess asks it).
        DecisionsModule.forService({
          caller: 'complaints',
          prefix: config.nats.prefix,
          cacheTtlMs: config.decisionCacheTtlMs,
        }),
        ConfigModule.forRoot(complaints),
        CasesModule,
      ],
    };
  }
}

export { COMPLAINTS_CONFIG };
