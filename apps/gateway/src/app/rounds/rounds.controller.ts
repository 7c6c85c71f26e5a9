import { Controller, Get, Param, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import {
  CloseRoundBodySchema,
  ListRoundTasksQuerySchema,
  OpenRoundBodySchema,
  RoundsRpc,
  type CloseRoundBody,
  type CreateRound,
  type ListRoundTasksQuery,
  type OpenRoundBody,
  type RequestMeta,
} from '@gongkai/contracts';
import { ServiceClient } from '@gongkai/messaging';
import type { z } from 'zod';
import { Meta } from '../http/request-meta.decorator';
import { RouteBody, RouteQuery, RpcRoute } from '../http/rpc-route';
import { COMMAND_PROBLEMS, GET_PROBLEMS, READ_PROBLEMS } from '../openapi/api-schemas';
import { PathIdPipe } from '../permissions/shared/path-id.pipe';

const ROUND_PARAM = { id: 'The round id (GET /rounds)' };
/** Opening and closing may be sent without a body. */
const OptionalOpenBodySchema = OpenRoundBodySchema.optional();
const OptionalCloseBodySchema = CloseRoundBodySchema.optional();
type ListRoundsQuery = z.input<typeof RoundsRpc.listRounds.request>;

/**
 * Update rounds (更新轮次): the disclosure office creates, opens and closes them (rounds.round.manage,
 * school-wide); anyone signed in reads them, their tasks and their progress.
 */
@ApiTags('rounds')
@Controller('rounds')
export class RoundsController {
  constructor(private readonly serviceClient: ServiceClient) {}

  @Get()
  @RpcRoute(RoundsRpc.listRounds, {
    authenticatedOnly: true,
    summary: 'Rounds, newest first (by academic year, status)',
    query: 'request',
    reply: 'A page of rounds',
    problems: READ_PROBLEMS,
  })
  list(@RouteQuery() query: ListRoundsQuery, @Meta() meta: RequestMeta) {
    return this.serviceClient.request(RoundsRpc.listRounds, query, meta);
  }

  @Post()
  @RpcRoute(RoundsRpc.createRound, {
    action: 'rounds.round.manage',
    summary: 'Create a draft round: its notice, scope and deadline',
    description:
      'The deadline is a date, or `workingDaysAfterNotice` Chinese working days after the notice date ' +
      '(holidays skipped, 调休 weekend days counted). Nothing happens to the catalogue until the round is opened.',
    body: 'request',
    status: 201,
    reply: 'The draft round',
    problems: COMMAND_PROBLEMS,
  })
  create(@RouteBody() body: CreateRound, @Meta() meta: RequestMeta) {
    return this.serviceClient.request(RoundsRpc.createRound, body, meta);
  }

  @Get(':id')
  @RpcRoute(RoundsRpc.getRound, {
    authenticatedOnly: true,
    summary: 'One round, with its summary once closed and its history',
    params: ROUND_PARAM,
    reply: 'The round',
    problems: GET_PROBLEMS,
  })
  get(@Param('id', PathIdPipe) roundId: string, @Meta() meta: RequestMeta) {
    return this.serviceClient.request(RoundsRpc.getRound, { roundId }, meta);
  }

  @Post(':id/open')
  @RpcRoute(RoundsRpc.openRound, {
    action: 'rounds.round.manage',
    summary: 'Open a draft round: one task per catalogue item in scope',
    description:
      'Each task goes to the item’s lead department and that department’s longest-standing liaison, or is ' +
      'flagged to the office when the department has none. Opening an open round again changes nothing.',
    params: ROUND_PARAM,
    body: OptionalOpenBodySchema,
    reply: 'The open round',
    problems: COMMAND_PROBLEMS,
  })
  open(
    @Param('id', PathIdPipe) roundId: string,
    @RouteBody() body: OpenRoundBody | undefined,
    @Meta() meta: RequestMeta,
  ) {
    return this.serviceClient.request(RoundsRpc.openRound, { roundId, ...body }, meta);
  }

  @Post(':id/close')
  @RpcRoute(RoundsRpc.closeRound, {
    action: 'rounds.round.manage',
    summary: 'Close a round and record its summary',
    description:
      'Refused (409) while a task waits between submission and approval, unless `force: true` with a `reason`. ' +
      'The summary counts the items in scope, updated, unchanged, returned at least once, overdue, published on ' +
      'time and the on-time rate.',
    params: ROUND_PARAM,
    body: OptionalCloseBodySchema,
    reply: 'The closed round with its summary',
    problems: COMMAND_PROBLEMS,
  })
  close(
    @Param('id', PathIdPipe) roundId: string,
    @RouteBody() body: CloseRoundBody | undefined,
    @Meta() meta: RequestMeta,
  ) {
    return this.serviceClient.request(RoundsRpc.closeRound, { roundId, ...body }, meta);
  }

  @Get(':id/tasks')
  @RpcRoute(RoundsRpc.listTasks, {
    authenticatedOnly: true,
    summary: 'The round’s tasks (by department, status, overdue, flagged; mine as liaison or reviewer)',
    params: ROUND_PARAM,
    query: ListRoundTasksQuerySchema,
    reply: 'A page of tasks',
    problems: READ_PROBLEMS,
  })
  tasks(
    @Param('id', PathIdPipe) roundId: string,
    @RouteQuery() query: ListRoundTasksQuery,
    @Meta() meta: RequestMeta,
  ) {
    return this.serviceClient.request(RoundsRpc.listTasks, { ...query, roundId }, meta);
  }

  @Get(':id/progress')
  @RpcRoute(RoundsRpc.roundProgress, {
    authenticatedOnly: true,
    summary: 'The round’s progress per department: tasks by status, overdue and flagged',
    params: ROUND_PARAM,
    reply: 'Counts per department',
    problems: GET_PROBLEMS,
  })
  progress(@Param('id', PathIdPipe) roundId: string, @Meta() meta: RequestMeta) {
    return this.serviceClient.request(RoundsRpc.roundProgress, { roundId }, meta);
  }
}
