import { Module } from '@nestjs/common';
import { CatalogueCoreModule } from '../catalogue-core.module';
import { CountRevisionsHandler } from './count-revisions/count-revisions.handler';
import { CountRevisionsUseCase } from './count-revisions/count-revisions.use-case';
import { DepartmentReorganisedConsumer } from './department-reorganised/department-reorganised.consumer';
import { DepartmentReorganisedUseCase } from './department-reorganised/department-reorganised.use-case';
import { GetResponsibilityHandler } from './get-responsibility/get-responsibility.handler';
import { GetResponsibilityUseCase } from './get-responsibility/get-responsibility.use-case';
import { ReassignDepartmentHandler } from './reassign-department/reassign-department.handler';
import { ReassignDepartmentUseCase } from './reassign-department/reassign-department.use-case';
import { ReviseResponsibilityHandler } from './revise-responsibility/revise-responsibility.handler';
import { ReviseResponsibilityUseCase } from './revise-responsibility/revise-responsibility.use-case';

@Module({
  imports: [CatalogueCoreModule],
  controllers: [
    GetResponsibilityHandler,
    ReviseResponsibilityHandler,
    ReassignDepartmentHandler,
    CountRevisionsHandler,
  ],
  providers: [
    GetResponsibilityUseCase,
    ReviseResponsibilityUseCase,
    ReassignDepartmentUseCase,
    CountRevisionsUseCase,
    DepartmentReorganisedUseCase,
    DepartmentReorganisedConsumer,
  ],
})
export class ResponsibilitiesModule {}
