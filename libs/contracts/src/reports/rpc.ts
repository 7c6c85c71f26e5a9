import { z } from 'zod';
import { defineRpc } from '../common/rpc-definition';
import {
  AnnualReportSchema,
  FigureItemsSchema,
  GetAnnualReportSchema,
  GetFigureItemsSchema,
  GetProblemsTextSchema,
  ProblemsTextHistorySchema,
  PutProblemsTextSchema,
  RenderAnnualReportSchema,
  RenderedReportSchema,
} from './annual-report';
import { DashboardPageSchema, DashboardSchema } from './dashboard';
import { ProjectionStatusSchema, RebuildProjectionsSchema } from './projections';

/**
 * Every request/reply operation the reports service answers, `defineRpc({ subject:
 * 'reports.<aggregate>.<verb>', request, reply })` each: its handler (`@RpcHandler`), its callers
 * (`ServiceClient.request`) and its gateway route (`@RpcRoute`) take their types and schemas from here.
 */
export const ReportsRpc = {
  getAnnualReport: defineRpc({
    subject: 'reports.annual.get',
    request: GetAnnualReportSchema,
    reply: AnnualReportSchema,
  }),
  renderAnnualReport: defineRpc({
    subject: 'reports.annual.render',
    request: RenderAnnualReportSchema,
    reply: RenderedReportSchema,
  }),
  getFigureItems: defineRpc({
    subject: 'reports.figures.items',
    request: GetFigureItemsSchema,
    reply: FigureItemsSchema,
  }),
  putProblemsText: defineRpc({
    subject: 'reports.texts.put',
    request: PutProblemsTextSchema,
    reply: ProblemsTextHistorySchema,
  }),
  getProblemsText: defineRpc({
    subject: 'reports.texts.get',
    request: GetProblemsTextSchema,
    reply: ProblemsTextHistorySchema,
  }),
  getDashboard: defineRpc({
    subject: 'reports.dashboard.get',
    request: z.object({}).strict(),
    reply: DashboardSchema,
  }),
  renderDashboard: defineRpc({
    subject: 'reports.dashboard.render',
    request: z.object({}).strict(),
    reply: DashboardPageSchema,
  }),
  rebuild: defineRpc({
    subject: 'reports.projections.rebuild',
    request: RebuildProjectionsSchema,
    reply: ProjectionStatusSchema,
  }),
  status: defineRpc({
    subject: 'reports.projections.status',
    request: z.object({}).strict(),
    reply: ProjectionStatusSchema,
  }),
};
