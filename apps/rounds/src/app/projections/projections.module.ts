import { Module } from '@nestjs/common';
import { FollowPeopleUseCase } from '../reassignment/follow-people/follow-people.use-case';
import { FollowReorganisationUseCase } from '../reassignment/follow-reorganisation/follow-reorganisation.use-case';
import { FollowResponsibilityUseCase } from '../reassignment/follow-responsibility/follow-responsibility.use-case';
import { CatalogueEventsConsumer } from './catalogue-events.consumer';
import { FollowPublicationUseCase } from './follow-publication/follow-publication.use-case';
import { PermissionsEventsConsumer } from './permissions-events.consumer';
import { ProjectCatalogueItemUseCase } from './project-catalogue-item/project-catalogue-item.use-case';

/** What rounds follows of other services: the catalogue's items and publications, permissions' people and departments. */
@Module({
  providers: [
    CatalogueEventsConsumer,
    PermissionsEventsConsumer,
    ProjectCatalogueItemUseCase,
    FollowPublicationUseCase,
    FollowResponsibilityUseCase,
    FollowPeopleUseCase,
    FollowReorganisationUseCase,
  ],
  exports: [CatalogueEventsConsumer, PermissionsEventsConsumer],
})
export class ProjectionsModule {}
