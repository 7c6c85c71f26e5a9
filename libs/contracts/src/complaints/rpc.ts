import { z } from 'zod';
import { EmptyRequestSchema, defineRpc } from '../common/rpc-definition';
import { ApplicationTableQuerySchema, ApplicationTableSchema } from './applications';
import {
  CaseCategoryListSchema,
  CaseCategorySchema,
  CaseRefSchema,
  CaseSchema,
  CaseSummaryPageSchema,
  CreateCaseSchema,
  CreatedCaseSchema,
  ListCasesQuerySchema,
  PutCaseCategorySchema,
} from './cases';
import { ImportCityBatchSchema, ImportResultSchema } from './imports';
import {
  AddScoreWeightsSchema,
  CaseMetricsQuerySchema,
  CaseMetricsSchema,
  HotspotReportSchema,
  HotspotsQuerySchema,
  HotspotsSchema,
  RankingQuerySchema,
  RankingSchema,
  ReportHotspotsSchema,
  ScoreWeightsListSchema,
  ScoreWeightsSchema,
} from './metrics';
import { PublicCaseViewSchema, PublicReceiptSchema, PublicSubmissionSchema, TrackCaseSchema } from './public';
import {
  CallbackBodySchema,
  ConcludeBodySchema,
  CorrectionBodySchema,
  DecideBodySchema,
  DispatchBodySchema,
  ExtendBodySchema,
  NoteBodySchema,
  ReasonBodySchema,
  ReplyBodySchema,
  StepBodySchema,
  SuperviseBodySchema,
  ThirdPartyBodySchema,
  stepRequest,
  type CaseStep,
} from './workflow';

const step = <TSubject extends string, TBody extends z.ZodType>(subject: TSubject, body: TBody) =>
  defineRpc({ subject, request: stepRequest(body), reply: CaseSchema });

/** The case steps (POST /cases/{id}/<step>), by step name. */
export const CaseStepRpc = {
  dispatch: step('complaints.cases.dispatch', DispatchBodySchema),
  accept: step('complaints.cases.accept', StepBodySchema),
  'return-dispatch': step('complaints.cases.return-dispatch', ReasonBodySchema),
  contact: step('complaints.cases.contact', StepBodySchema),
  notes: step('complaints.cases.add-note', NoteBodySchema),
  reply: step('complaints.cases.reply', ReplyBodySchema),
  callback: step('complaints.cases.callback', CallbackBodySchema),
  urge: step('complaints.cases.urge', StepBodySchema),
  supervise: step('complaints.cases.supervise', SuperviseBodySchema),
  reopen: step('complaints.cases.reopen', ReasonBodySchema),
  close: step('complaints.cases.close', StepBodySchema),
  extend: step('complaints.cases.extend', ExtendBodySchema),
  register: step('complaints.cases.register', StepBodySchema),
  'request-correction': step('complaints.cases.request-correction', CorrectionBodySchema),
  'correction-received': step('complaints.cases.correction-received', StepBodySchema),
  'third-party': step('complaints.cases.third-party', ThirdPartyBodySchema),
  decide: step('complaints.cases.decide', DecideBodySchema),
  investigate: step('complaints.cases.investigate', StepBodySchema),
  conclude: step('complaints.cases.conclude', ConcludeBodySchema),
} as const satisfies Record<CaseStep, unknown>;

/** The steps whose names are not identifiers, by name (for `@RpcHandler(ReturnDispatchRpc)`). */
export const ReturnDispatchRpc = CaseStepRpc['return-dispatch'];
export const RequestCorrectionRpc = CaseStepRpc['request-correction'];
export const CorrectionReceivedRpc = CaseStepRpc['correction-received'];
export const ThirdPartyRpc = CaseStepRpc['third-party'];

/** Every request/reply operation the complaints service answers (`complaints.<aggregate>.<verb>`). */
export const ComplaintsRpc = {
  createCase: defineRpc({
    subject: 'complaints.cases.create',
    request: CreateCaseSchema,
    reply: CreatedCaseSchema,
  }),
  getCase: defineRpc({ subject: 'complaints.cases.get', request: CaseRefSchema, reply: CaseSchema }),
  listCases: defineRpc({
    subject: 'complaints.cases.list',
    request: ListCasesQuerySchema,
    reply: CaseSummaryPageSchema,
  }),
  importCityBatch: defineRpc({
    subject: 'complaints.imports.city',
    request: ImportCityBatchSchema,
    reply: ImportResultSchema,
  }),
  listCategories: defineRpc({
    subject: 'complaints.categories.list',
    request: EmptyRequestSchema,
    reply: CaseCategoryListSchema,
  }),
  putCategory: defineRpc({
    subject: 'complaints.categories.put',
    request: PutCaseCategorySchema,
    reply: CaseCategorySchema,
  }),
  metrics: defineRpc({
    subject: 'complaints.metrics.get',
    request: CaseMetricsQuerySchema,
    reply: CaseMetricsSchema,
  }),
  ranking: defineRpc({
    subject: 'complaints.metrics.ranking',
    request: RankingQuerySchema,
    reply: RankingSchema,
  }),
  listScoreWeights: defineRpc({
    subject: 'complaints.weights.list',
    request: EmptyRequestSchema,
    reply: ScoreWeightsListSchema,
  }),
  addScoreWeights: defineRpc({
    subject: 'complaints.weights.add',
    request: AddScoreWeightsSchema,
    reply: ScoreWeightsSchema,
  }),
  hotspots: defineRpc({
    subject: 'complaints.hotspots.get',
    request: HotspotsQuerySchema,
    reply: HotspotsSchema,
  }),
  reportHotspots: defineRpc({
    subject: 'complaints.hotspots.report',
    request: ReportHotspotsSchema,
    reply: HotspotReportSchema,
  }),
  applicationTable: defineRpc({
    subject: 'complaints.applications.table',
    request: ApplicationTableQuerySchema,
    reply: ApplicationTableSchema,
  }),
  publicSubmit: defineRpc({
    subject: 'complaints.public.submit',
    request: PublicSubmissionSchema,
    reply: PublicReceiptSchema,
  }),
  publicTrack: defineRpc({
    subject: 'complaints.public.track',
    request: TrackCaseSchema,
    reply: PublicCaseViewSchema,
  }),
  ...CaseStepRpc,
} as const;
