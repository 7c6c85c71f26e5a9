import { Module } from '@nestjs/common';
import { CatalogueCoreModule } from '../catalogue-core.module';
import { ListOverdueHandler } from './list-overdue/list-overdue.handler';

@Module({ imports: [CatalogueCoreModule], controllers: [ListOverdueHandler] })
export class FreshnessModule {}
