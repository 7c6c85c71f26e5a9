import { Module } from '@nestjs/common';
import { CatalogueCoreModule } from '../catalogue-core.module';
import { GetSettingsHandler } from './get-settings/get-settings.handler';
import { UpdateSettingsHandler } from './update-settings/update-settings.handler';

@Module({ imports: [CatalogueCoreModule], controllers: [GetSettingsHandler, UpdateSettingsHandler] })
export class SettingsModule {}
