import 'reflect-metadata';
import { resolvePrismaDir, startDataService } from '@gongkai/service-kit';
import { AppModule } from './app/app.module';

startDataService({
  service: 'rounds',
  module: (config) => AppModule.register(config),
  prismaDir: resolvePrismaDir('rounds', __dirname),
}).catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
