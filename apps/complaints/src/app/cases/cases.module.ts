import { Module } from '@nestjs/common';
import { CaseAccess } from '../access/case-access';
import { CategoriesRepository } from '../categories/categories.repository';
import { CategorySeeder } from '../categories/category-seeder';
import { ListCategoriesHandler } from '../categories/list-categories/list-categories.handler';
import { PutCategoryHandler } from '../categories/put-category/put-category.handler';
import { DepartmentsRepository } from '../departments/departments.repository';
import { SubmitCaseHandler } from '../public/submit-case/submit-case.handler';
import { TrackCaseHandler } from '../public/track-case/track-case.handler';
import { ImportCityBatchHandler } from '../imports/import-city-batch/import-city-batch.handler';
import { ImportCityBatchUseCase } from '../imports/import-city-batch/import-city-batch.use-case';
import { ApplicationTableHandler } from '../applications/application-table/application-table.handler';
import { GetHotspotsHandler } from '../hotspots/get-hotspots/get-hotspots.handler';
import { HotspotReportsRepository } from '../hotspots/hotspot-reports.repository';
import { HotspotsReader } from '../hotspots/hotspots.service';
import { ReportHotspotsHandler } from '../hotspots/report-hotspots/report-hotspots.handler';
import { AddWeightsHandler } from '../metrics/add-weights/add-weights.handler';
import { GetMetricsHandler } from '../metrics/get-metrics/get-metrics.handler';
import { ListWeightsHandler } from '../metrics/list-weights/list-weights.handler';
import { RankingHandler } from '../metrics/ranking/ranking.handler';
import { WeightsRepository } from '../metrics/weights.repository';
import { SlaNoticesRepository } from '../sla/sla-notices.repository';
import { SlaSweeper } from '../sla/sla-sweeper';
import { DepartmentChangesConsumer } from '../people/department-changes/department-changes.consumer';
import { PersonChangesConsumer } from '../people/person-changes/person-changes.consumer';
import { RoleHoldersConsumer } from '../people/role-holders/role-holders.consumer';
import { RoleHoldersRepository } from '../people/role-holders.repository';
import { WorkReassignment } from '../people/work-reassignment';
import { CaseIntake } from './case-intake.use-case';
import { CasesRepository } from './cases.repository';
import { CreateCaseHandler } from './create-case/create-case.handler';
import { CreateCaseUseCase } from './create-case/create-case.use-case';
import { GetCaseHandler } from './get-case/get-case.handler';
import { GetCaseUseCase } from './get-case/get-case.use-case';
import { ListCasesHandler } from './list-cases/list-cases.handler';
import { CaseStepsHandler } from './steps/case-steps.handler';
import { CaseStepsUseCase } from './steps/case-steps.use-case';

const shared = [CaseAccess, CasesRepository, CategoriesRepository, DepartmentsRepository, CaseIntake];

/** Cases: intake (staff, public, city), reading, the steps of the three kinds, the category list. */
@Module({
  providers: [
    ...shared,
    CategorySeeder,
    CreateCaseUseCase,
    GetCaseUseCase,
    CaseStepsUseCase,
    ImportCityBatchUseCase,
    WeightsRepository,
    HotspotsReader,
    HotspotReportsRepository,
    SlaNoticesRepository,
    SlaSweeper,
    RoleHoldersRepository,
    WorkReassignment,
    RoleHoldersConsumer,
    PersonChangesConsumer,
    DepartmentChangesConsumer,
  ],
  controllers: [
    CreateCaseHandler,
    GetCaseHandler,
    ListCasesHandler,
    CaseStepsHandler,
    SubmitCaseHandler,
    TrackCaseHandler,
    ListCategoriesHandler,
    PutCategoryHandler,
    ImportCityBatchHandler,
    GetMetricsHandler,
    RankingHandler,
    ListWeightsHandler,
    AddWeightsHandler,
    ApplicationTableHandler,
    GetHotspotsHandler,
    ReportHotspotsHandler,
  ],
  exports: shared,
})
export class CasesModule {}
