import { Controller, Get, Param, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import {
  ApproveTaskBodySchema,
  ReturnTaskBodySchema,
  ReviewTaskBodySchema,
  RoundsRpc,
  SubmitTaskBodySchema,
  type ApproveTaskBody,
  type ListTasksQuery,
  type RequestMeta,
  type ReturnTaskBody,
  type ReviewTaskBody,
  type SubmitTaskBody,
} from '@gongkai/contracts';
import { ServiceClient } from '@gongkai/messaging';
import { Meta } from '../http/request-meta.decorator';
import { RouteBody, RouteQuery, RpcRoute } from '../http/rpc-route';
import { COMMAND_PROBLEMS, GET_PROBLEMS, READ_PROBLEMS } from '../openapi/api-schemas';
import { PathIdPipe } from '../permissions/shared/path-id.pipe';

const TASK_PARAM = { id: 'The task id (GET /tasks, GET /rounds/{id}/tasks)' };
const OptionalApproveBodySchema = ApproveTaskBodySchema.optional();

/**
 * A task's department is known only to rounds: submit and review are forwarded undecided
 * (`departmentFrom: 'service'`) and the rounds service asks permissions for the task's department
 * before acting (apps/rounds tasks/task-access.ts). Approving and returning are the disclosure
 * office's (rounds.task.approve, school-wide), decided here.
 */
const TASK_DEPARTMENT = { departmentFrom: 'service' } as const;

/** Update-round tasks: pending → submitted → reviewed (保密审查) → approved → published. */
@ApiTags('rounds')
@Controller('tasks')
export class TasksController {
  constructor(private readonly serviceClient: ServiceClient) {}

  @Get()
  @RpcRoute(RoundsRpc.listTasks, {
    authenticatedOnly: true,
    summary: 'Tasks: mine (`mine=liaison|reviewer`), a department’s, a round’s; by status, overdue, flagged',
    query: 'request',
    reply: 'A page of tasks',
    problems: READ_PROBLEMS,
  })
  list(@RouteQuery() query: ListTasksQuery, @Meta() meta: RequestMeta) {
    return this.serviceClient.request(RoundsRpc.listTasks, query, meta);
  }

  @Get(':id')
  @RpcRoute(RoundsRpc.getTask, {
    authenticatedOnly: true,
    summary: 'One task, with its submission, review, moves and history',
    description:
      'Any signed-in caller sees where a task stands. Its submission, review, return comments, history and the ' +
      'people who worked it are shown only to the liaisons and reviewers of its department and to the disclosure ' +
      'office; for anyone else those fields are null or empty.',
    params: TASK_PARAM,
    reply: 'The task',
    problems: GET_PROBLEMS,
  })
  get(@Param('id', PathIdPipe) taskId: string, @Meta() meta: RequestMeta) {
    return this.serviceClient.request(RoundsRpc.getTask, { taskId }, meta);
  }

  @Get(':id/diff')
  @RpcRoute(RoundsRpc.diffTask, {
    // Decided by rounds for the task's department: its liaisons (this action), reviewers and the office.
    action: 'rounds.task.submit',
    ...TASK_DEPARTMENT,
    summary: 'What approving the submission would change, against the item’s current published version',
    description:
      'For the liaisons and reviewers of the task’s department and the disclosure office; anyone else gets 403 ' +
      '(`NOT_TASK_READER`).',
    params: TASK_PARAM,
    reply: 'Changed fields and a line diff of the body',
    problems: GET_PROBLEMS,
  })
  diff(@Param('id', PathIdPipe) taskId: string, @Meta() meta: RequestMeta) {
    return this.serviceClient.request(RoundsRpc.diffTask, { taskId }, meta);
  }

  @Post(':id/submit')
  @RpcRoute(RoundsRpc.submitTask, {
    action: 'rounds.task.submit',
    ...TASK_DEPARTMENT,
    summary: 'Submit new content, or "no change" with a reason (a liaison of the task’s department)',
    description:
      '`occurredAt` back-dates the submission (business time): a submission is late when its Asia/Shanghai date ' +
      'is after the deadline.',
    params: TASK_PARAM,
    body: SubmitTaskBodySchema,
    reply: 'The submitted task',
    problems: COMMAND_PROBLEMS,
  })
  submit(
    @Param('id', PathIdPipe) taskId: string,
    @RouteBody() body: SubmitTaskBody,
    @Meta() meta: RequestMeta,
  ) {
    return this.serviceClient.request(RoundsRpc.submitTask, { taskId, ...body }, meta);
  }

  @Post(':id/review')
  @RpcRoute(RoundsRpc.reviewTask, {
    action: 'rounds.task.review',
    ...TASK_DEPARTMENT,
    summary: 'Department review with the secrecy sign-off (保密审查), by a reviewer of the task’s department',
    description: '`not_cleared` sends the task back to the liaison with the comments.',
    params: TASK_PARAM,
    body: ReviewTaskBodySchema,
    reply: 'The reviewed task (or back to pending)',
    problems: COMMAND_PROBLEMS,
  })
  review(
    @Param('id', PathIdPipe) taskId: string,
    @RouteBody() body: ReviewTaskBody,
    @Meta() meta: RequestMeta,
  ) {
    return this.serviceClient.request(RoundsRpc.reviewTask, { taskId, ...body }, meta);
  }

  @Post(':id/approve')
  @RpcRoute(RoundsRpc.approveTask, {
    action: 'rounds.task.approve',
    summary: 'Approve a reviewed task (the disclosure office): the catalogue then publishes it once',
    description: 'A task that is not reviewed answers 409, saying what must happen first.',
    params: TASK_PARAM,
    body: OptionalApproveBodySchema,
    reply: 'The approved task',
    problems: COMMAND_PROBLEMS,
  })
  approve(
    @Param('id', PathIdPipe) taskId: string,
    @RouteBody() body: ApproveTaskBody | undefined,
    @Meta() meta: RequestMeta,
  ) {
    return this.serviceClient.request(RoundsRpc.approveTask, { taskId, ...body }, meta);
  }

  @Post(':id/return')
  @RpcRoute(RoundsRpc.returnTask, {
    action: 'rounds.task.approve',
    summary: 'Return a submitted or reviewed task to its liaison with comments (counted in the summary)',
    params: TASK_PARAM,
    body: ReturnTaskBodySchema,
    reply: 'The task, pending again',
    problems: COMMAND_PROBLEMS,
  })
  returnTask(
    @Param('id', PathIdPipe) taskId: string,
    @RouteBody() body: ReturnTaskBody,
    @Meta() meta: RequestMeta,
  ) {
    return this.serviceClient.request(RoundsRpc.returnTask, { taskId, ...body }, meta);
  }
}
