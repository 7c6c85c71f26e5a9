import { Module } from '@nestjs/common';
import { CatalogueCoreModule } from '../catalogue-core.module';
import { DepartmentReorganisedConsumer } from './department-reorganised/department-reorganised.consumer';
import { CountRevisionsHandler } from './count-revisions/count-revisions.handler';
import { GetResponsibilityHandler } from './get-responsibility/get-responsibility.handler';
import { ReassignDepartmentHandler } from './reassign-department/reassign-department.handler';
import { ReviseResponsibilityHandler } from './revise-responsibility/revise-responsibility.handler';

@Module({
  imports: [CatalogueCoreModule],
  controllers: [
    GetResponsibilityHandler,
    ReviseResponsibilityHandler,
    ReassignDepartmentHandler,
    CountRevisionsHandler,
  ],
  providers: [DepartmentReorganisedConsumer],
})
export class ResponsibilitiesModule {}
