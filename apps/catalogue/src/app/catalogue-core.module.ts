import { Module } from '@nestjs/common';
import { loadChainCheckpointKey } from '@gongkai/config';
import { ItemAccess } from './access/item-access';
import { PublicationReaders } from './access/publication-readers';
import { CategoriesRepository } from './categories/categories.repository';
import { DepartmentCheck } from './departments/department-check';
import { DepartmentsRepository } from './departments/departments.repository';
import { ItemViews } from './items/item-views';
import { ItemsRepository } from './items/items.repository';
import { PublicationAccess } from './publications/publication-access';
import { PublicationEvents } from './publications/publication-events';
import { CHAIN_CHECKPOINT_KEY, PublicationLedger } from './publications/publication-ledger';
import { PublicationLedgerRepository } from './publications/publication-ledger.repository';
import { PublicationsRepository } from './publications/publications.repository';
import { PublishVersionUseCase } from './publications/publish-version/publish-version.use-case';
import { AppendRevisionUseCase } from './responsibilities/append-revision/append-revision.use-case';
import { ReassignItemsUseCase } from './responsibilities/reassign-items/reassign-items.use-case';
import { ResponsibilitiesRepository } from './responsibilities/responsibilities.repository';
import { SettingsRepository } from './settings/settings.repository';

const shared = [
  ItemAccess,
  PublicationReaders,
  CategoriesRepository,
  DepartmentsRepository,
  DepartmentCheck,
  ItemsRepository,
  ItemViews,
  ResponsibilitiesRepository,
  AppendRevisionUseCase,
  ReassignItemsUseCase,
  PublicationsRepository,
  PublicationAccess,
  PublicationEvents,
  PublishVersionUseCase,
  PublicationLedgerRepository,
  PublicationLedger,
  SettingsRepository,
  // CHAIN_CHECKPOINT_KEY: required in production, a development key otherwise.
  { provide: CHAIN_CHECKPOINT_KEY, useFactory: () => loadChainCheckpointKey('catalogue') },
];

/**
 * What the feature modules share: the repositories, the views and checks, and the use cases that
 * are steps of several operations (publishing a version, appending a responsibility revision,
 * reassigning a department's items).
 */
@Module({ providers: shared, exports: shared })
export class CatalogueCoreModule {}
