import 'reflect-metadata';
import { resolvePrismaDir, startDataService } from '@gongkai/service-kit';
import { AppModule } from './app/app.module';
import { loadPermissionsConfig } from './app/config/permissions-config';

async function main(): Promise<void> {
  // Its own variables first, so a bad one stops the service before migrations run.
  const permissions = loadPermissionsConfig(process.env);
  await startDataService({
    service: 'permissions',
    module: (config) => AppModule.register(config, permissions),
    prismaDir: resolvePrismaDir('permissions', __dirname),
    // Hash-chained: its run-time role may add rows, never change or remove them.
    appendOnlyTables: ['audit_entry'],
  });
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
