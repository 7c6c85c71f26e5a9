import { Module, type DynamicModule } from '@nestjs/common';
import type { DataServiceConfig } from '@gongkai/config';
import { DepartmentProjectionConsumer, DepartmentProjectionModule } from '@gongkai/department-projection';
import { ServiceKitModule } from '@gongkai/service-kit';
import { PrismaService } from './prisma.service';
import { CatalogueEventsConsumer } from './projections/catalogue-events.consumer';
import { ComplaintsEventsConsumer } from './projections/complaints-events.consumer';
import { RoundsEventsConsumer } from './projections/rounds-events.consumer';
import { ReportsModule } from './reports.module';

@Module({})
export class AppModule {
  static register(config: DataServiceConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ServiceKitModule.forService({
          config,
          prisma: PrismaService,
          consumers: [
            ComplaintsEventsConsumer,
            CatalogueEventsConsumer,
            RoundsEventsConsumer,
            // Department names for the dashboard (the report itself needs none).
            DepartmentProjectionConsumer,
          ],
        }),
        DepartmentProjectionModule.forService({ service: 'reports', prisma: PrismaService }),
        ReportsModule,
      ],
    };
  }
}
