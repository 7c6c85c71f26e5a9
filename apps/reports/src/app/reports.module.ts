import { Module } from '@nestjs/common';
import { AnnualRepository } from './annual/annual.repository';
import { GetAnnualReportHandler } from './annual/get-annual-report/get-annual-report.handler';
import { GetAnnualReportUseCase } from './annual/get-annual-report/get-annual-report.use-case';
import { RenderAnnualReportHandler } from './annual/render-annual-report/render-annual-report.handler';
import { RenderAnnualReportUseCase } from './annual/render-annual-report/render-annual-report.use-case';
import { GetFigureItemsHandler } from './annual/get-figure-items/get-figure-items.handler';
import { GetFigureItemsUseCase } from './annual/get-figure-items/get-figure-items.use-case';
import { CaseFoldBackfill } from './projections/case-fold-backfill';
import { CatalogueEventsConsumer } from './projections/catalogue-events.consumer';
import { ComplaintsEventsConsumer } from './projections/complaints-events.consumer';
import { GetProblemsTextHandler } from './texts/get-problems-text/get-problems-text.handler';
import { PutProblemsTextHandler } from './texts/put-problems-text/put-problems-text.handler';
import { PutProblemsTextUseCase } from './texts/put-problems-text/put-problems-text.use-case';
import { TextsRepository } from './texts/texts.repository';
import { DashboardRepository } from './dashboard/dashboard.repository';
import { GetDashboardHandler } from './dashboard/get-dashboard/get-dashboard.handler';
import { GetDashboardUseCase } from './dashboard/get-dashboard/get-dashboard.use-case';
import { RenderDashboardHandler } from './dashboard/render-dashboard/render-dashboard.handler';
import { ProjectionsRepository } from './projections/projections.repository';
import { RoundsEventsConsumer } from './projections/rounds-events.consumer';
import { ProjectionRuntime } from './rebuild/projection-runtime';
import { ProjectionStatusHandler } from './rebuild/projection-status/projection-status.handler';
import { RebuildProjectionsHandler } from './rebuild/rebuild-projections/rebuild-projections.handler';
import { RebuildProjectionsUseCase } from './rebuild/rebuild-projections/rebuild-projections.use-case';

/** The projections (consumers of the other services' streams), the annual report and the rebuild. */
@Module({
  controllers: [
    GetAnnualReportHandler,
    RenderAnnualReportHandler,
    GetFigureItemsHandler,
    RebuildProjectionsHandler,
    ProjectionStatusHandler,
    PutProblemsTextHandler,
    GetProblemsTextHandler,
    GetDashboardHandler,
    RenderDashboardHandler,
  ],
  providers: [
    ProjectionsRepository,
    CaseFoldBackfill,
    ComplaintsEventsConsumer,
    CatalogueEventsConsumer,
    RoundsEventsConsumer,
    AnnualRepository,
    GetAnnualReportUseCase,
    RenderAnnualReportUseCase,
    GetFigureItemsUseCase,
    ProjectionRuntime,
    RebuildProjectionsUseCase,
    TextsRepository,
    PutProblemsTextUseCase,
    DashboardRepository,
    GetDashboardUseCase,
  ],
  exports: [ComplaintsEventsConsumer, CatalogueEventsConsumer, RoundsEventsConsumer],
})
export class ReportsModule {}
