import { Module, type DynamicModule } from '@nestjs/common';
import type { DataServiceConfig } from '@gongkai/config';
import { DecisionsModule } from '@gongkai/decisions';
import { DepartmentProjectionConsumer, DepartmentProjectionModule } from '@gongkai/department-projection';
import { ServiceClientModule, natsAuthOptions, prefixSubject } from '@gongkai/messaging';
import { ServiceKitModule } from '@gongkai/service-kit';
import { FreshnessModule } from './freshness/freshness.module';
import { ItemsModule } from './items/items.module';
import { PrismaService } from './prisma.service';
import { PublicModule } from './public/public.module';
import { PublicationsModule } from './publications/publications.module';
import { TaskApprovedConsumer } from './publications/task-approved/task-approved.consumer';
import { ReferenceModule } from './reference/reference.module';
import { DepartmentReorganisedConsumer } from './responsibilities/department-reorganised/department-reorganised.consumer';
import { ResponsibilitiesModule } from './responsibilities/responsibilities.module';
import { SettingsModule } from './settings/settings.module';
import { CATALOGUE_UNIQUE_INDEXES } from './shared/unique-indexes';

@Module({})
export class AppModule {
  static register(config: DataServiceConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ServiceKitModule.forService({
          config,
          prisma: PrismaService,
          consumers: [TaskApprovedConsumer, DepartmentReorganisedConsumer, DepartmentProjectionConsumer],
          uniqueIndexes: CATALOGUE_UNIQUE_INDEXES,
        }),
        DepartmentProjectionModule.forService({ service: 'catalogue', prisma: PrismaService }),
        // Requests to other services: permissions.decisions.check for department-scoped actions.
        ServiceClientModule.forRoot({
          servers: config.nats.url,
          prefix: config.nats.prefix,
          defaultTimeoutMs: config.nats.requestTimeoutMs,
          name: prefixSubject(config.nats.prefix, 'catalogue-client'),
          validateReplies: config.nodeEnv !== 'production',
          auth: natsAuthOptions('catalogue', config.nats.credentials),
        }),
        // Those checks, cached until a permissions event says otherwise (ItemAccess asks it).
        DecisionsModule.forService({
          caller: 'catalogue',
          prefix: config.nats.prefix,
          cacheTtlMs: config.decisionCacheTtlMs,
        }),
        ReferenceModule,
        ItemsModule,
        ResponsibilitiesModule,
        PublicationsModule,
        FreshnessModule,
        SettingsModule,
        PublicModule,
      ],
    };
  }
}
