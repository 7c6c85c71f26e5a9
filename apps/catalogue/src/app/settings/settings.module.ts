import { Module } from '@nestjs/common';
import { CatalogueCoreModule } from '../catalogue-core.module';
import { GetSettingsHandler } from './get-settings/get-settings.handler';
import { UpdateSettingsHandler } from './update-settings/update-settings.handler';
import { UpdateSettingsUseCase } from './update-settings/update-settings.use-case';

@Module({
  imports: [CatalogueCoreModule],
  controllers: [GetSettingsHandler, UpdateSettingsHandler],
  providers: [UpdateSettingsUseCase],
})
export class SettingsModule {}
