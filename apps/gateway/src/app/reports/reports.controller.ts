import { Controller, Get, Param, Post, Put, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { RouteConfig } from '@nestjs/platform-fastify';
import {
  AnnualReportQuerySchema,
  ProblemsTextBodySchema,
  ReportsRpc,
  type AnnualReport,
  type RequestMeta,
} from '@gongkai/contracts';
import { ServiceClient } from '@gongkai/messaging';
import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import { SLOW_ROUTE_ANSWER_DEADLINE_MS, type AnswerDeadlineRouteConfig } from '../http/answer-deadline';
import { Meta } from '../http/request-meta.decorator';
import { RouteBody, RouteQuery, RpcRoute } from '../http/rpc-route';
import { COMMAND_PROBLEMS, GET_PROBLEMS, READ_PROBLEMS } from '../openapi/api-schemas';

const YEAR_PARAM = {
  academicYear: {
    description: 'The academic year, 1 September – 31 August (Asia/Shanghai), e.g. 2023-2024',
    schema: z.string(),
  },
};

/**
 * The annual disclosure work report and the state of the projections it is computed from. The
 * office and auditors read it (reports.read); rebuilding the projections is an ops action.
 */
/** The annual report is computed on request from every complaint of the year: seconds for a large year. */
const REPORT_ANSWER_DEADLINE_MS = SLOW_ROUTE_ANSWER_DEADLINE_MS;

@ApiTags('reports')
@Controller('reports')
export class ReportsController {
  constructor(private readonly serviceClient: ServiceClient) {}

  @Get('annual/:academicYear')
  @RouteConfig({ answerDeadlineMs: REPORT_ANSWER_DEADLINE_MS } satisfies AnswerDeadlineRouteConfig)
  @RpcRoute(ReportsRpc.getAnnualReport, {
    action: 'reports.read',
    summary: 'The annual information-disclosure work report of an academic year',
    description:
      'Every figure is computed from the events of the other services by business time (an event entered in ' +
      'September about August counts in the year it happened). `explain=true` adds, for every figure, the rule ' +
      'that produced it and a link to its items. The same report as a document: `format=md` (text/markdown), ' +
      '`format=html` (text/html: one self-contained page printable on A4, with the complaints-per-month chart as ' +
      'inline SVG, no script) and `format=docx` (application/vnd.openxmlformats-officedocument.wordprocessingml.document, ' +
      'sent as an attachment). Content-Disposition names the file, e.g. `2023-2024-annual-report.docx`.',
    params: YEAR_PARAM,
    query: AnnualReportQuerySchema,
    reply: 'The report (JSON; with format=md, html or docx, that document)',
    problems: READ_PROBLEMS,
  })
  async annual(
    @Param('academicYear') academicYear: string,
    @RouteQuery() query: z.output<typeof AnnualReportQuerySchema>,
    @Meta() meta: RequestMeta,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<AnnualReport> {
    if (query.format === 'json') {
      return this.serviceClient.request(
        ReportsRpc.getAnnualReport,
        { academicYear, explain: query.explain },
        meta,
        { timeoutMs: REPORT_ANSWER_DEADLINE_MS },
      );
    }
    const rendered = await this.serviceClient.request(
      ReportsRpc.renderAnnualReport,
      { academicYear, explain: query.explain, format: query.format },
      meta,
      { timeoutMs: REPORT_ANSWER_DEADLINE_MS },
    );
    void reply.header('content-type', rendered.contentType);
    void reply.header(
      'content-disposition',
      `${rendered.encoding === 'base64' ? 'attachment' : 'inline'}; filename="${rendered.fileName}"`,
    );
    // Sent as the document under its own content type; the route's JSON schema documents format=json.
    const body =
      rendered.encoding === 'base64' ? Buffer.from(rendered.document, 'base64') : rendered.document;
    return body as unknown as AnnualReport;
  }

  @Get('annual/:academicYear/figures/:figureId/items')
  @RpcRoute(ReportsRpc.getFigureItems, {
    action: 'reports.read',
    summary: 'The items one figure of the annual report counts (cases, publications, revisions, rounds)',
    params: {
      ...YEAR_PARAM,
      figureId: { description: 'The figure id, from ?explain=true', schema: z.string() },
    },
    reply: 'The rule and the items',
    problems: GET_PROBLEMS,
  })
  figureItems(
    @Param('academicYear') academicYear: string,
    @Param('figureId') figureId: string,
    @Meta() meta: RequestMeta,
  ) {
    return this.serviceClient.request(ReportsRpc.getFigureItems, { academicYear, figureId }, meta);
  }

  @Get('annual/:academicYear/problems')
  @RpcRoute(ReportsRpc.getProblemsText, {
    action: 'reports.read',
    summary: "Every saved version of the year's problems-and-improvements text, newest first",
    params: YEAR_PARAM,
    reply: 'The versions (empty: the report shows its default wording)',
    problems: READ_PROBLEMS,
  })
  problems(@Param('academicYear') academicYear: string, @Meta() meta: RequestMeta) {
    return this.serviceClient.request(ReportsRpc.getProblemsText, { academicYear }, meta);
  }

  @Put('annual/:academicYear/problems')
  @RpcRoute(ReportsRpc.putProblemsText, {
    action: 'reports.edit',
    summary: "Save a new version of the year's problems-and-improvements text (the earlier ones are kept)",
    description:
      "The report shows the newest version; the period's complaint hotspots come with the report as material.",
    params: YEAR_PARAM,
    body: ProblemsTextBodySchema,
    reply: 'Every version, newest first',
    problems: COMMAND_PROBLEMS,
  })
  putProblems(
    @Param('academicYear') academicYear: string,
    @RouteBody() body: z.output<typeof ProblemsTextBodySchema>,
    @Meta() meta: RequestMeta,
  ) {
    return this.serviceClient.request(ReportsRpc.putProblemsText, { academicYear, ...body }, meta);
  }

  @Get('dashboard')
  @RpcRoute(ReportsRpc.getDashboard, {
    action: 'reports.read',
    summary:
      'The live dashboard: open cases by state and age, overdue cases and tasks, the current round by department, the three rates this month and last',
    reply: 'The dashboard',
    problems: READ_PROBLEMS,
  })
  dashboard(@Meta() meta: RequestMeta) {
    return this.serviceClient.request(ReportsRpc.getDashboard, {}, meta);
  }

  @Get('dashboard/page')
  @RpcRoute(ReportsRpc.renderDashboard, {
    action: 'reports.read',
    summary: 'The dashboard as an HTML page (text/html, no script)',
    reply: 'The page (text/html)',
    problems: READ_PROBLEMS,
  })
  async dashboardPage(@Meta() meta: RequestMeta, @Res({ passthrough: true }) reply: FastifyReply) {
    const page = await this.serviceClient.request(ReportsRpc.renderDashboard, {}, meta);
    void reply.header('content-type', page.contentType);
    // Sent as the HTML itself; the documented schema names the service's reply.
    return page.document as unknown as typeof page;
  }

  @Get('status')
  @RpcRoute(ReportsRpc.status, {
    action: 'reports.read',
    summary: 'How far the projections have read the event streams (pending and held events per consumer)',
    reply: 'The consumers and whether the projections have caught up',
    problems: READ_PROBLEMS,
  })
  status(@Meta() meta: RequestMeta) {
    return this.serviceClient.request(ReportsRpc.status, {}, meta);
  }

  @Post('rebuild')
  @RpcRoute(ReportsRpc.rebuild, {
    // Replaying streams into a service's consumers, like replaying a dead letter: an ops action.
    action: 'ops.dead-letters.replay',
    summary: 'Drop the projections and replay every event stream from its start',
    description:
      'Answers once the consumers read their streams again; follow the replay with GET /reports/status ' +
      '(caughtUp). The report afterwards is the same as before. 409 REBUILD_RUNNING while one runs.',
    reply: 'The consumers as the replay starts',
    problems: COMMAND_PROBLEMS,
  })
  rebuild(@Meta() meta: RequestMeta) {
    return this.serviceClient.request(ReportsRpc.rebuild, {}, meta);
  }
}
