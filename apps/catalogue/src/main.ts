import 'reflect-metadata';
import { resolvePrismaDir, startDataService } from '@gongkai/service-kit';
import { AppModule } from './app/app.module';

startDataService({
  service: 'catalogue',
  module: (config) => AppModule.register(config),
  prismaDir: resolvePrismaDir('catalogue', __dirname),
}).catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
