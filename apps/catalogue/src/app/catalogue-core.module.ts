import { Module } from '@nestjs/common';
import { ItemAccess } from './access/item-access';
import { CategoriesRepository } from './categories/categories.repository';
import { DepartmentCheck } from './departments/department-check';
import { DepartmentsRepository } from './departments/departments.repository';
import { ItemViews } from './items/item-views';
import { ItemsRepository } from './items/items.repository';
import { PublicationAccess } from './publications/publication-access';
import { PublicationEvents } from './publications/publication-events';
import { PublicationsRepository } from './publications/publications.repository';
import { Publisher } from './publications/publisher';
import { DepartmentReassignment } from './responsibilities/department-reassignment';
import { ResponsibilitiesRepository } from './responsibilities/responsibilities.repository';
import { ResponsibilityWriter } from './responsibilities/responsibility-writer';
import { SettingsRepository } from './settings/settings.repository';

const shared = [
  ItemAccess,
  CategoriesRepository,
  DepartmentsRepository,
  DepartmentCheck,
  ItemsRepository,
  ItemViews,
  ResponsibilitiesRepository,
  ResponsibilityWriter,
  DepartmentReassignment,
  PublicationsRepository,
  PublicationAccess,
  PublicationEvents,
  Publisher,
  SettingsRepository,
];

/** The repositories and the domain services the feature modules share. */
@Module({ providers: shared, exports: shared })
export class CatalogueCoreModule {}
