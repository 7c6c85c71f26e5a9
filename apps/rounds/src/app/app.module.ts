import { Module, type DynamicModule } from '@nestjs/common';
import type { DataServiceConfig } from '@gongkai/config';
import { DecisionsModule } from '@gongkai/decisions';
import { DepartmentProjectionConsumer, DepartmentProjectionModule } from '@gongkai/department-projection';
import { ServiceClientModule, natsAuthOptions, prefixSubject } from '@gongkai/messaging';
import { ServiceKitModule } from '@gongkai/service-kit';
import { loadRoundsConfig, type RoundsConfig } from './config/rounds-config';
import { NoticesModule } from './notices/notices.module';
import { PrismaService } from './prisma.service';
import { CatalogueEventsConsumer } from './projections/catalogue-events.consumer';
import { PermissionsEventsConsumer } from './projections/permissions-events.consumer';
import { ProjectionsModule } from './projections/projections.module';
import { RoundsCoreModule } from './rounds-core.module';
import { RoundsModule } from './rounds/rounds.module';
import { TasksModule } from './tasks/tasks.module';

@Module({})
export class AppModule {
  static register(config: DataServiceConfig, rounds: RoundsConfig = loadRoundsConfig({})): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ServiceKitModule.forService({
          config,
          prisma: PrismaService,
          consumers: [DepartmentProjectionConsumer, CatalogueEventsConsumer, PermissionsEventsConsumer],
        }),
        DepartmentProjectionModule.forService({ service: 'rounds', prisma: PrismaService }),
        // Requests to other services: permissions.decisions.check (a task's department) and a
        // publication's content from the catalogue (a task's diff).
        ServiceClientModule.forRoot({
          servers: config.nats.url,
          prefix: config.nats.prefix,
          defaultTimeoutMs: config.nats.requestTimeoutMs,
          name: prefixSubject(config.nats.prefix, 'rounds-client'),
          validateReplies: config.nodeEnv !== 'production',
          auth: natsAuthOptions('rounds', config.nats.credentials),
        }),
        // Decisions for a task's department, cached until a permissions event says otherwise (TaskAccess asks it).
        DecisionsModule.forService({
          caller: 'rounds',
          prefix: config.nats.prefix,
          cacheTtlMs: config.decisionCacheTtlMs,
        }),
        RoundsCoreModule.forRoot(rounds),
        RoundsModule,
        TasksModule,
        ProjectionsModule,
        NoticesModule,
      ],
    };
  }
}
