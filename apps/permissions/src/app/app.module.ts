import { Module, type DynamicModule } from '@nestjs/common';
import type { DataServiceConfig } from '@gongkai/config';
import { ServiceKitModule } from '@gongkai/service-kit';
import { DepartmentsModule } from './departments/departments.module';
import { PrismaService } from './prisma.service';

@Module({})
export class AppModule {
  static register(config: DataServiceConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [ServiceKitModule.forService({ config, prisma: PrismaService }), DepartmentsModule],
    };
  }
}
