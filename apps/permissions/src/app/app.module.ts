import { Module, type DynamicModule } from '@nestjs/common';
import type { DataServiceConfig } from '@gongkai/config';
import { ServiceKitModule } from '@gongkai/service-kit';
import { AccessModule } from './access/access.module';
import { ApiClientsModule } from './api-clients/api-clients.module';
import { AuditModule } from './audit/audit.module';
import { loadPermissionsConfig, type PermissionsConfig } from './config/permissions-config';
import { CoreModule } from './core.module';
import { DepartmentsModule } from './departments/departments.module';
import { PeopleModule } from './people/people.module';
import { PrismaService } from './prisma.service';
import { ReorganisationsModule } from './reorganisations/reorganisations.module';
import { RequestsModule } from './requests/requests.module';
import { PERMISSIONS_UNIQUE_INDEXES } from './shared/unique-indexes';

@Module({})
export class AppModule {
  /** `permissions` defaults to the environment; main.ts parses it before anything else boots. */
  static register(
    config: DataServiceConfig,
    permissions: PermissionsConfig = loadPermissionsConfig(),
  ): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ServiceKitModule.forService({
          config,
          prisma: PrismaService,
          uniqueIndexes: PERMISSIONS_UNIQUE_INDEXES,
        }),
        CoreModule.register(permissions),
        DepartmentsModule,
        ReorganisationsModule,
        PeopleModule,
        AccessModule,
        RequestsModule,
        ApiClientsModule,
        AuditModule,
      ],
    };
  }
}
