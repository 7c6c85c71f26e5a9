import { Global, Module, type DynamicModule } from '@nestjs/common';
import { ROUNDS_CONFIG, type RoundsConfig } from './config/rounds-config';
import { HistoryRepository } from './history/history.repository';
import { CatalogueItemsRepository } from './projections/catalogue-items.repository';
import { DepartmentsRepository } from './projections/departments.repository';
import { PeopleRepository } from './projections/people.repository';
import { TaskReassignment } from './reassignment/task-reassignment';
import { RoundViews } from './rounds/round-views';
import { RoundsRepository } from './rounds/rounds.repository';
import { TaskAccess } from './tasks/task-access';
import { TaskCommand } from './tasks/task-command';
import { TaskViews } from './tasks/task-views';
import { TasksRepository } from './tasks/tasks.repository';
import { TaskPublishedUseCase } from './tasks/task-published/task-published.use-case';

const shared = [
  RoundsRepository,
  TasksRepository,
  HistoryRepository,
  CatalogueItemsRepository,
  PeopleRepository,
  DepartmentsRepository,
  RoundViews,
  TaskViews,
  TaskAccess,
  TaskCommand,
  TaskReassignment,
  TaskPublishedUseCase,
];

/** The service's own config, its repositories and the pieces the feature modules share. */
@Global()
@Module({})
export class RoundsCoreModule {
  static forRoot(config: RoundsConfig): DynamicModule {
    const providers = [{ provide: ROUNDS_CONFIG, useValue: config }, ...shared];
    return { module: RoundsCoreModule, providers, exports: [ROUNDS_CONFIG, ...shared] };
  }
}
