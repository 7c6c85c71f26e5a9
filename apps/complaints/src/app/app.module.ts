import { Module, type DynamicModule } from '@nestjs/common';
import type { DataServiceConfig } from '@gongkai/config';
import { DepartmentProjectionConsumer, DepartmentProjectionModule } from '@gongkai/department-projection';
import { ServiceKitModule } from '@gongkai/service-kit';
import { PrismaService } from './prisma.service';

@Module({})
export class AppModule {
  static register(config: DataServiceConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ServiceKitModule.forService({
          config,
          prisma: PrismaService,
          consumers: [DepartmentProjectionConsumer],
        }),
        DepartmentProjectionModule.forService({ service: 'complaints', prisma: PrismaService }),
      ],
    };
  }
}
