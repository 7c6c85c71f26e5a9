import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import type { DataServiceConfig } from '@gongkai/config';
import { createPgAdapter } from '@gongkai/persistence';
import { SERVICE_CONFIG } from '@gongkai/service-kit';
import { PrismaClient } from '../generated/prisma/client';

export type CatalogueTx = Parameters<Parameters<PrismaClient['$transaction']>[0]>[0];

@Injectable()
export class PrismaService extends PrismaClient implements OnApplicationShutdown {
  constructor(@Inject(SERVICE_CONFIG) config: DataServiceConfig) {
    super({ adapter: createPgAdapter(config.database.url, config.database.pool) });
  }

  // After messaging has stopped (it stops in onModuleDestroy), so no relay pass is cut off mid-transaction.
  async onApplicationShutdown(): Promise<void> {
    await this.$disconnect();
  }
}
