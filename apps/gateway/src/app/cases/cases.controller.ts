import { Controller, Get, Param, Post, Put } from '@nestjs/common';
import { RouteConfig } from '@nestjs/platform-fastify';
import { ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import {
  CaseStepRpc,
  ComplaintsRpc,
  PutCaseCategoryBodySchema,
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
  type CaseMetricsQuery,
  type CreateCase,
  type HotspotsQuery,
  type ImportCityBatch,
  type ListCasesQuery,
  type RequestMeta,
} from '@gongkai/contracts';
import { ServiceClient } from '@gongkai/messaging';
import { SLOW_ROUTE_ANSWER_DEADLINE_MS, type AnswerDeadlineRouteConfig } from '../http/answer-deadline';
import { Meta } from '../http/request-meta.decorator';
import { RouteBody, RouteQuery, RpcRoute } from '../http/rpc-route';
import { COMMAND_PROBLEMS, READ_PROBLEMS } from '../openapi/api-schemas';
import { caseIdPipe } from './case-id.pipe';

const CASE_PARAM = { caseId: 'The case id (GET /cases)' };
/** Only the stored case knows its department: the complaints service decides (apps/complaints access/case-access.ts). */
const CASE_DEPARTMENT = { departmentFrom: 'service' } as const;
/** Steps without required fields may be sent without a body. */
const OptionalStepBodySchema = StepBodySchema.optional();

/**
 * Cases (投诉 / 依申请公开 / 举报): intake, lists, the steps of each kind, city batches, metrics,
 * hotspots, the standard application table, categories and score weights. Steps on a case whose
 * department only the service knows are decided by the complaints service; lists never show the
 * requester's contact.
 */
@ApiTags('cases')
@Controller('cases')
export class CasesController {
  constructor(private readonly serviceClient: ServiceClient) {}

  @Post()
  @RpcRoute(ComplaintsRpc.createCase, {
    action: 'complaints.case.register',
    summary:
      '接: enter a case (kind, source, category, requester; city tickets with their number and deadline)',
    description:
      '`occurredAt` is when it was received (a letter entered a week late): the SLA clock starts then.',
    body: 'request',
    status: 201,
    reply: 'The case and the verification code for the requester (shown once)',
    problems: COMMAND_PROBLEMS,
  })
  create(@RouteBody() body: CreateCase, @Meta() meta: RequestMeta) {
    return this.serviceClient.request(ComplaintsRpc.createCase, body, meta);
  }

  @Get()
  @RpcRoute(ComplaintsRpc.listCases, {
    action: 'complaints.case.read',
    departmentFrom: 'query.departmentId',
    summary: 'List cases, newest received first (the supervision queue with `queue=supervision`)',
    description:
      'Without `departmentId` only school-wide readers may list. The requester is masked, never with contact.',
    query: 'request',
    reply: 'A page of cases',
    problems: READ_PROBLEMS,
  })
  list(@RouteQuery() query: ListCasesQuery, @Meta() meta: RequestMeta) {
    return this.serviceClient.request(ComplaintsRpc.listCases, query, meta);
  }

  @Post('imports/city-12345')
  @RouteConfig({ answerDeadlineMs: SLOW_ROUTE_ANSWER_DEADLINE_MS } satisfies AnswerDeadlineRouteConfig)
  @RpcRoute(ComplaintsRpc.importCityBatch, {
    action: 'complaints.case.register',
    summary:
      "Import a batch of the city's 12345 transfers (JSON rows or CSV), idempotent on the ticket number",
    description:
      'Valid rows are imported and bad rows reported with their reasons (one transaction for the batch); ' +
      'a ticket already imported is `already_present`.',
    body: 'request',
    reply: 'One result per row: created, already present, or rejected with the reason',
    problems: COMMAND_PROBLEMS,
  })
  importCity(@RouteBody() body: ImportCityBatch, @Meta() meta: RequestMeta) {
    return this.serviceClient.request(ComplaintsRpc.importCityBatch, body, meta, {
      timeoutMs: SLOW_ROUTE_ANSWER_DEADLINE_MS,
    });
  }

  @Get('metrics')
  @RpcRoute(ComplaintsRpc.metrics, {
    action: 'complaints.case.read',
    summary:
      'Received, completed and the rates (completion, response, resolution, satisfaction, on time) of a period',
    description:
      'Computed from case states and business times; each rate is defined in apps/complaints/README.md.',
    query: 'request',
    reply: 'The figures, in total and per group',
    problems: READ_PROBLEMS,
  })
  metrics(@RouteQuery() query: CaseMetricsQuery, @Meta() meta: RequestMeta) {
    return this.serviceClient.request(ComplaintsRpc.metrics, query, meta);
  }

  @Get('ranking')
  @RpcRoute(ComplaintsRpc.ranking, {
    action: 'complaints.case.read',
    summary: 'Departments ranked by the weighted score of their response, resolution and satisfaction rates',
    query: 'request',
    reply: 'The ranking and the weights version used',
    problems: READ_PROBLEMS,
  })
  ranking(@RouteQuery() query: { from: string; to: string }, @Meta() meta: RequestMeta) {
    return this.serviceClient.request(ComplaintsRpc.ranking, query, meta);
  }

  @Get('score-weights')
  @RpcRoute(ComplaintsRpc.listScoreWeights, {
    action: 'complaints.case.read',
    summary: 'The versions of the score weights',
    reply: 'Every version, oldest first',
    problems: READ_PROBLEMS,
  })
  weights(@Meta() meta: RequestMeta) {
    return this.serviceClient.request(ComplaintsRpc.listScoreWeights, {}, meta);
  }

  @Post('score-weights')
  @RpcRoute(ComplaintsRpc.addScoreWeights, {
    action: 'permissions.admin',
    summary: 'Add a version of the score weights (the city re-weighted the rates)',
    body: 'request',
    status: 201,
    reply: 'The new version',
    problems: COMMAND_PROBLEMS,
  })
  addWeights(
    @RouteBody() body: z.input<typeof ComplaintsRpc.addScoreWeights.request>,
    @Meta() meta: RequestMeta,
  ) {
    return this.serviceClient.request(ComplaintsRpc.addScoreWeights, body, meta);
  }

  @Get('hotspots')
  @RpcRoute(ComplaintsRpc.hotspots, {
    action: 'complaints.case.read',
    summary:
      '未诉先办: the most frequent categories and Chinese keywords of a period, against the period before',
    query: 'request',
    reply: 'Categories and keywords with their counts and change',
    problems: READ_PROBLEMS,
  })
  hotspots(@RouteQuery() query: HotspotsQuery, @Meta() meta: RequestMeta) {
    return this.serviceClient.request(ComplaintsRpc.hotspots, query, meta);
  }

  @Post('hotspots/report')
  @RpcRoute(ComplaintsRpc.reportHotspots, {
    action: 'complaints.case.supervise',
    summary: "Report a period's hotspots as an event, for the office to turn into disclosure items",
    body: 'request',
    status: 201,
    reply: 'The hotspots reported',
    problems: COMMAND_PROBLEMS,
  })
  reportHotspots(@RouteBody() body: HotspotsQuery, @Meta() meta: RequestMeta) {
    return this.serviceClient.request(ComplaintsRpc.reportHotspots, body, meta);
  }

  @Get('application-table')
  @RpcRoute(ComplaintsRpc.applicationTable, {
    action: 'complaints.case.read',
    summary:
      'The standard table of disclosure applications for a period (rows by result, columns by requester)',
    query: 'request',
    reply: 'The table and whether its invariant holds',
    problems: READ_PROBLEMS,
  })
  applicationTable(@RouteQuery() query: { from: string; to: string }, @Meta() meta: RequestMeta) {
    return this.serviceClient.request(ComplaintsRpc.applicationTable, query, meta);
  }

  @Get('categories')
  @RpcRoute(ComplaintsRpc.listCategories, {
    authenticatedOnly: true,
    summary: 'The case categories (a configurable list)',
    reply: 'Every category',
    problems: [401, 429, 503, 504],
  })
  categories(@Meta() meta: RequestMeta) {
    return this.serviceClient.request(ComplaintsRpc.listCategories, {}, meta);
  }

  @Put('categories/:code')
  @RpcRoute(ComplaintsRpc.putCategory, {
    action: 'permissions.admin',
    summary: 'Add or change a category',
    params: { code: { description: 'The category code', schema: z.string() } },
    body: PutCaseCategoryBodySchema,
    reply: 'The category',
    problems: COMMAND_PROBLEMS,
  })
  putCategory(
    @Param('code') code: string,
    @RouteBody() body: z.input<typeof PutCaseCategoryBodySchema>,
    @Meta() meta: RequestMeta,
  ) {
    return this.serviceClient.request(ComplaintsRpc.putCategory, { code, ...body }, meta);
  }

  @Get(':caseId')
  @RpcRoute(ComplaintsRpc.getCase, {
    action: 'complaints.case.read',
    ...CASE_DEPARTMENT,
    summary: 'One case with its timeline and SLA clock',
    description:
      "The requester's name and contact only for callers allowed complaints.case.read-personal in its department.",
    params: CASE_PARAM,
    reply: 'The case',
    problems: [...READ_PROBLEMS, 403],
  })
  get(@Param('caseId', caseIdPipe) caseId: string, @Meta() meta: RequestMeta) {
    return this.serviceClient.request(ComplaintsRpc.getCase, { caseId }, meta);
  }

  @Post(':caseId/dispatch')
  @RpcRoute(CaseStepRpc['dispatch'], {
    action: 'complaints.case.dispatch',
    summary: '派: dispatch to a lead department (首接负责) and co-handling departments',
    params: CASE_PARAM,
    body: DispatchBodySchema,
    reply: 'The case after the step (requester masked)',
    problems: COMMAND_PROBLEMS,
  })
  dispatch(
    @Param('caseId', caseIdPipe) caseId: string,
    @RouteBody() body: z.input<typeof DispatchBodySchema>,
    @Meta() meta: RequestMeta,
  ) {
    return this.serviceClient.request(CaseStepRpc['dispatch'], { caseId, body: body ?? {} }, meta);
  }

  @Post(':caseId/accept')
  @RpcRoute(CaseStepRpc['accept'], {
    action: 'complaints.case.handle',
    ...CASE_DEPARTMENT,
    summary: "Accept a dispatched case (a handler of the lead department; becomes the case's handler)",
    params: CASE_PARAM,
    body: OptionalStepBodySchema,
    reply: 'The case after the step (requester masked)',
    problems: COMMAND_PROBLEMS,
  })
  accept(
    @Param('caseId', caseIdPipe) caseId: string,
    @RouteBody() body: z.input<typeof OptionalStepBodySchema>,
    @Meta() meta: RequestMeta,
  ) {
    return this.serviceClient.request(CaseStepRpc['accept'], { caseId, body: body ?? {} }, meta);
  }

  @Post(':caseId/return-dispatch')
  @RpcRoute(CaseStepRpc['return-dispatch'], {
    action: 'complaints.case.handle',
    ...CASE_DEPARTMENT,
    summary: 'Return a wrong dispatch to the dispatcher, with the reason',
    params: CASE_PARAM,
    body: ReasonBodySchema,
    reply: 'The case after the step (requester masked)',
    problems: COMMAND_PROBLEMS,
  })
  returnDispatch(
    @Param('caseId', caseIdPipe) caseId: string,
    @RouteBody() body: z.input<typeof ReasonBodySchema>,
    @Meta() meta: RequestMeta,
  ) {
    return this.serviceClient.request(CaseStepRpc['return-dispatch'], { caseId, body: body ?? {} }, meta);
  }

  @Post(':caseId/contact')
  @RpcRoute(CaseStepRpc['contact'], {
    action: 'complaints.case.handle',
    ...CASE_DEPARTMENT,
    summary: 'Record the first contact with the requester (stops the response clock)',
    params: CASE_PARAM,
    body: OptionalStepBodySchema,
    reply: 'The case after the step (requester masked)',
    problems: COMMAND_PROBLEMS,
  })
  contact(
    @Param('caseId', caseIdPipe) caseId: string,
    @RouteBody() body: z.input<typeof OptionalStepBodySchema>,
    @Meta() meta: RequestMeta,
  ) {
    return this.serviceClient.request(CaseStepRpc['contact'], { caseId, body: body ?? {} }, meta);
  }

  @Post(':caseId/notes')
  @RpcRoute(CaseStepRpc['notes'], {
    action: 'complaints.case.handle',
    ...CASE_DEPARTMENT,
    summary: '办: add a handling note (internal by default; public ones are shown to the requester)',
    params: CASE_PARAM,
    body: NoteBodySchema,
    reply: 'The case after the step (requester masked)',
    problems: COMMAND_PROBLEMS,
  })
  notes(
    @Param('caseId', caseIdPipe) caseId: string,
    @RouteBody() body: z.input<typeof NoteBodySchema>,
    @Meta() meta: RequestMeta,
  ) {
    return this.serviceClient.request(CaseStepRpc['notes'], { caseId, body: body ?? {} }, meta);
  }

  @Post(':caseId/reply')
  @RpcRoute(CaseStepRpc['reply'], {
    action: 'complaints.case.handle',
    ...CASE_DEPARTMENT,
    summary: 'Reply to the requester (stops the reply clock)',
    params: CASE_PARAM,
    body: ReplyBodySchema,
    reply: 'The case after the step (requester masked)',
    problems: COMMAND_PROBLEMS,
  })
  reply(
    @Param('caseId', caseIdPipe) caseId: string,
    @RouteBody() body: z.input<typeof ReplyBodySchema>,
    @Meta() meta: RequestMeta,
  ) {
    return this.serviceClient.request(CaseStepRpc['reply'], { caseId, body: body ?? {} }, meta);
  }

  @Post(':caseId/callback')
  @RpcRoute(CaseStepRpc['callback'], {
    action: 'complaints.case.dispatch',
    summary: '访: record the callback (satisfaction and resolution) on a replied case',
    params: CASE_PARAM,
    body: CallbackBodySchema,
    reply: 'The case after the step (requester masked)',
    problems: COMMAND_PROBLEMS,
  })
  callback(
    @Param('caseId', caseIdPipe) caseId: string,
    @RouteBody() body: z.input<typeof CallbackBodySchema>,
    @Meta() meta: RequestMeta,
  ) {
    return this.serviceClient.request(CaseStepRpc['callback'], { caseId, body: body ?? {} }, meta);
  }

  @Post(':caseId/urge')
  @RpcRoute(CaseStepRpc['urge'], {
    action: 'complaints.case.dispatch',
    summary: '催办: urge an open case before its deadline',
    params: CASE_PARAM,
    body: OptionalStepBodySchema,
    reply: 'The case after the step (requester masked)',
    problems: COMMAND_PROBLEMS,
  })
  urge(
    @Param('caseId', caseIdPipe) caseId: string,
    @RouteBody() body: z.input<typeof OptionalStepBodySchema>,
    @Meta() meta: RequestMeta,
  ) {
    return this.serviceClient.request(CaseStepRpc['urge'], { caseId, body: body ?? {} }, meta);
  }

  @Post(':caseId/supervise')
  @RpcRoute(CaseStepRpc['supervise'], {
    action: 'complaints.case.supervise',
    summary: '督: supervise an overdue, unsatisfied or escalated case',
    params: CASE_PARAM,
    body: SuperviseBodySchema,
    reply: 'The case after the step (requester masked)',
    problems: COMMAND_PROBLEMS,
  })
  supervise(
    @Param('caseId', caseIdPipe) caseId: string,
    @RouteBody() body: z.input<typeof SuperviseBodySchema>,
    @Meta() meta: RequestMeta,
  ) {
    return this.serviceClient.request(CaseStepRpc['supervise'], { caseId, body: body ?? {} }, meta);
  }

  @Post(':caseId/reopen')
  @RpcRoute(CaseStepRpc['reopen'], {
    action: 'complaints.case.supervise',
    summary: 'Reopen a replied or closed complaint (three reopens escalate it to the school level)',
    params: CASE_PARAM,
    body: ReasonBodySchema,
    reply: 'The case after the step (requester masked)',
    problems: COMMAND_PROBLEMS,
  })
  reopen(
    @Param('caseId', caseIdPipe) caseId: string,
    @RouteBody() body: z.input<typeof ReasonBodySchema>,
    @Meta() meta: RequestMeta,
  ) {
    return this.serviceClient.request(CaseStepRpc['reopen'], { caseId, body: body ?? {} }, meta);
  }

  @Post(':caseId/close')
  @RpcRoute(CaseStepRpc['close'], {
    action: 'complaints.case.dispatch',
    summary: 'Close a replied complaint, a decided application or a concluded report',
    params: CASE_PARAM,
    body: OptionalStepBodySchema,
    reply: 'The case after the step (requester masked)',
    problems: COMMAND_PROBLEMS,
  })
  close(
    @Param('caseId', caseIdPipe) caseId: string,
    @RouteBody() body: z.input<typeof OptionalStepBodySchema>,
    @Meta() meta: RequestMeta,
  ) {
    return this.serviceClient.request(CaseStepRpc['close'], { caseId, body: body ?? {} }, meta);
  }

  @Post(':caseId/extend')
  @RpcRoute(CaseStepRpc['extend'], {
    action: 'complaints.case.extend',
    summary:
      "Extend the case's limit once (applications: up to 15 working days, approved by the office head)",
    params: CASE_PARAM,
    body: ExtendBodySchema,
    reply: 'The case after the step (requester masked)',
    problems: COMMAND_PROBLEMS,
  })
  extend(
    @Param('caseId', caseIdPipe) caseId: string,
    @RouteBody() body: z.input<typeof ExtendBodySchema>,
    @Meta() meta: RequestMeta,
  ) {
    return this.serviceClient.request(CaseStepRpc['extend'], { caseId, body: body ?? {} }, meta);
  }

  @Post(':caseId/register')
  @RpcRoute(CaseStepRpc['register'], {
    action: 'complaints.case.handle',
    ...CASE_DEPARTMENT,
    summary: 'Register an application (依申请公开)',
    params: CASE_PARAM,
    body: OptionalStepBodySchema,
    reply: 'The case after the step (requester masked)',
    problems: COMMAND_PROBLEMS,
  })
  register(
    @Param('caseId', caseIdPipe) caseId: string,
    @RouteBody() body: z.input<typeof OptionalStepBodySchema>,
    @Meta() meta: RequestMeta,
  ) {
    return this.serviceClient.request(CaseStepRpc['register'], { caseId, body: body ?? {} }, meta);
  }

  @Post(':caseId/request-correction')
  @RpcRoute(CaseStepRpc['request-correction'], {
    action: 'complaints.case.handle',
    ...CASE_DEPARTMENT,
    summary: '补正: ask the applicant for a correction, in one consolidated notice (the clock waits)',
    params: CASE_PARAM,
    body: CorrectionBodySchema,
    reply: 'The case after the step (requester masked)',
    problems: COMMAND_PROBLEMS,
  })
  requestCorrection(
    @Param('caseId', caseIdPipe) caseId: string,
    @RouteBody() body: z.input<typeof CorrectionBodySchema>,
    @Meta() meta: RequestMeta,
  ) {
    return this.serviceClient.request(CaseStepRpc['request-correction'], { caseId, body: body ?? {} }, meta);
  }

  @Post(':caseId/correction-received')
  @RpcRoute(CaseStepRpc['correction-received'], {
    action: 'complaints.case.handle',
    ...CASE_DEPARTMENT,
    summary: 'The corrected application arrived: the clock starts again from it',
    params: CASE_PARAM,
    body: OptionalStepBodySchema,
    reply: 'The case after the step (requester masked)',
    problems: COMMAND_PROBLEMS,
  })
  correctionReceived(
    @Param('caseId', caseIdPipe) caseId: string,
    @RouteBody() body: z.input<typeof OptionalStepBodySchema>,
    @Meta() meta: RequestMeta,
  ) {
    return this.serviceClient.request(CaseStepRpc['correction-received'], { caseId, body: body ?? {} }, meta);
  }

  @Post(':caseId/third-party')
  @RpcRoute(CaseStepRpc['third-party'], {
    action: 'complaints.case.handle',
    ...CASE_DEPARTMENT,
    summary: "A third party's opinion sought or received (that time does not count)",
    params: CASE_PARAM,
    body: ThirdPartyBodySchema,
    reply: 'The case after the step (requester masked)',
    problems: COMMAND_PROBLEMS,
  })
  thirdParty(
    @Param('caseId', caseIdPipe) caseId: string,
    @RouteBody() body: z.input<typeof ThirdPartyBodySchema>,
    @Meta() meta: RequestMeta,
  ) {
    return this.serviceClient.request(CaseStepRpc['third-party'], { caseId, body: body ?? {} }, meta);
  }

  @Post(':caseId/decide')
  @RpcRoute(CaseStepRpc['decide'], {
    action: 'complaints.case.handle',
    ...CASE_DEPARTMENT,
    summary:
      'Decide an application: a row of the standard table, the reply letter and how the applicant was told',
    params: CASE_PARAM,
    body: DecideBodySchema,
    reply: 'The case after the step (requester masked)',
    problems: COMMAND_PROBLEMS,
  })
  decide(
    @Param('caseId', caseIdPipe) caseId: string,
    @RouteBody() body: z.input<typeof DecideBodySchema>,
    @Meta() meta: RequestMeta,
  ) {
    return this.serviceClient.request(CaseStepRpc['decide'], { caseId, body: body ?? {} }, meta);
  }

  @Post(':caseId/investigate')
  @RpcRoute(CaseStepRpc['investigate'], {
    action: 'complaints.case.handle',
    ...CASE_DEPARTMENT,
    summary: 'Start investigating a report (举报)',
    params: CASE_PARAM,
    body: OptionalStepBodySchema,
    reply: 'The case after the step (requester masked)',
    problems: COMMAND_PROBLEMS,
  })
  investigate(
    @Param('caseId', caseIdPipe) caseId: string,
    @RouteBody() body: z.input<typeof OptionalStepBodySchema>,
    @Meta() meta: RequestMeta,
  ) {
    return this.serviceClient.request(CaseStepRpc['investigate'], { caseId, body: body ?? {} }, meta);
  }

  @Post(':caseId/conclude')
  @RpcRoute(CaseStepRpc['conclude'], {
    action: 'complaints.case.handle',
    ...CASE_DEPARTMENT,
    summary: 'Conclude a report with its finding',
    params: CASE_PARAM,
    body: ConcludeBodySchema,
    reply: 'The case after the step (requester masked)',
    problems: COMMAND_PROBLEMS,
  })
  conclude(
    @Param('caseId', caseIdPipe) caseId: string,
    @RouteBody() body: z.input<typeof ConcludeBodySchema>,
    @Meta() meta: RequestMeta,
  ) {
    return this.serviceClient.request(CaseStepRpc['conclude'], { caseId, body: body ?? {} }, meta);
  }
}
