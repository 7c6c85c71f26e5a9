import 'reflect-metadata';
import { resolvePrismaDir, startDataService } from '@gongkai/service-kit';
import { AppModule } from './app/app.module';

startDataService({
  service: 'catalogue',
  module: (config) => AppModule.register(config),
  prismaDir: resolvePrismaDir('catalogue', __dirname),
  // Hash-chained: its run-time role may add rows, never change or remove them.
  appendOnlyTables: ['publication_chain_entry'],
}).catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
