import { Module } from '@nestjs/common';
import { CatalogueCoreModule } from '../catalogue-core.module';
import { ListOverdueHandler } from './list-overdue/list-overdue.handler';
import { ListOverdueUseCase } from './list-overdue/list-overdue.use-case';

@Module({
  imports: [CatalogueCoreModule],
  controllers: [ListOverdueHandler],
  providers: [ListOverdueUseCase],
})
export class FreshnessModule {}
