import 'reflect-metadata';
import { loadHolidayFile } from '@gongkai/calendar';
import { resolvePrismaDir, startDataService } from '@gongkai/service-kit';
import { AppModule } from './app/app.module';
import { loadRoundsConfig } from './app/config/rounds-config';

async function main(): Promise<void> {
  // Its own variables first, and the holiday data they name, so a bad one stops the service before migrations run.
  const rounds = loadRoundsConfig(process.env);
  if (rounds.holidaysFile) {
    const years = loadHolidayFile(rounds.holidaysFile);
    console.log(`Holiday data from ${rounds.holidaysFile}: ${years.join(', ')}`);
  }
  await startDataService({
    service: 'rounds',
    module: (config) => AppModule.register(config, rounds),
    prismaDir: resolvePrismaDir('rounds', __dirname),
  });
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
