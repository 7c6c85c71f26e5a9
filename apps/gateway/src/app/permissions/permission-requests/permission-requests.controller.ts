import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  ApprovePermissionRequestBodySchema,
  ApprovedPermissionRequestSchema,
  ListPermissionRequestsSchema,
  OpenPermissionRequestSchema,
  PermissionRequestSchema,
  PermissionsSubjects,
  RejectPermissionRequestBodySchema,
  pageSchema,
  type ApprovedPermissionRequest,
  type ListPermissionRequests,
  type OpenPermissionRequest,
  type Page,
  type PermissionRequest,
  type RequestMeta,
} from '@gongkai/contracts';
import { ServiceClient } from '@gongkai/messaging';
import type { z } from 'zod';
import { Action } from '../../auth/auth.decorators';
import { Meta } from '../../http/request-meta.decorator';
import { ZodValidationPipe } from '../../http/zod-validation.pipe';
import {
  ApiProblems,
  ApiZodQuery,
  COMMAND_PROBLEMS,
  GET_PROBLEMS,
  LIST_PROBLEMS,
} from '../../openapi/api-schemas';
import { PathIdPipe } from '../shared/path-id.pipe';
import { ApiIdParam, ApiZodBody, ApiZodReply } from '../shared/permissions.openapi';

type ApproveBody = z.infer<typeof ApprovePermissionRequestBodySchema>;
type RejectBody = z.infer<typeof RejectPermissionRequestBodySchema>;

const DECIDED_BY_SERVICE =
  "Who may decide depends on the request's department, which only the permissions service knows: the disclosure " +
  'office, or (policy `admin_or_reviewer`) a dept_reviewer of that department; nobody decides a request about themself.';

/** Permission-change requests (权限变更申请): requested → approved (a binding) | rejected | cancelled. */
@ApiTags('permission-requests')
@Controller('permission-requests')
export class PermissionRequestsController {
  constructor(private readonly serviceClient: ServiceClient) {}

  @Get()
  @Action('permissions.read')
  @ApiOperation({ summary: 'List permission requests (filter by status, department, subject, origin)' })
  @ApiZodQuery(ListPermissionRequestsSchema)
  @ApiZodReply(200, 'A page of permission requests', pageSchema(PermissionRequestSchema))
  @ApiProblems(...LIST_PROBLEMS)
  list(
    @Query(new ZodValidationPipe(ListPermissionRequestsSchema, 'query')) query: ListPermissionRequests,
    @Meta() meta: RequestMeta,
  ): Promise<Page<PermissionRequest>> {
    return this.serviceClient.request<Page<PermissionRequest>>(
      PermissionsSubjects.listPermissionRequests,
      query,
      meta,
    );
  }

  // ACTIONS has no "request a role" action: whoever may approve requests in the department may open one there.
  @Post()
  @Action('permissions.request.approve', { departmentFrom: 'body.departmentId' })
  @ApiOperation({
    summary: 'Ask for a role for a person or client',
    description:
      'Allowed to whoever may approve requests in that department (`permissions.request.approve`: the ' +
      "department's reviewer, or the disclosure office; school-wide roles: the office).",
  })
  @ApiZodBody(OpenPermissionRequestSchema)
  @ApiZodReply(201, 'The open request', PermissionRequestSchema)
  @ApiProblems(...COMMAND_PROBLEMS)
  open(
    @Body(new ZodValidationPipe(OpenPermissionRequestSchema, 'body')) body: OpenPermissionRequest,
    @Meta() meta: RequestMeta,
  ): Promise<PermissionRequest> {
    return this.serviceClient.request<PermissionRequest>(
      PermissionsSubjects.openPermissionRequest,
      body,
      meta,
    );
  }

  @Get(':id')
  @Action('permissions.read')
  @ApiOperation({ summary: 'One permission request' })
  @ApiIdParam('The request id')
  @ApiZodReply(200, 'The request', PermissionRequestSchema)
  @ApiProblems(...GET_PROBLEMS)
  get(@Param('id', PathIdPipe) id: string, @Meta() meta: RequestMeta): Promise<PermissionRequest> {
    return this.serviceClient.request<PermissionRequest>(
      PermissionsSubjects.getPermissionRequest,
      { id },
      meta,
    );
  }

  @Post(':id/approve')
  @HttpCode(200)
  @Action('permissions.request.approve', { departmentFrom: 'service' })
  @ApiOperation({ summary: 'Approve a request: the binding is granted', description: DECIDED_BY_SERVICE })
  @ApiIdParam('The request id')
  @ApiZodBody(ApprovePermissionRequestBodySchema)
  @ApiZodReply(200, 'The approved request and its new binding', ApprovedPermissionRequestSchema)
  @ApiProblems(...COMMAND_PROBLEMS)
  approve(
    @Param('id', PathIdPipe) id: string,
    @Body(new ZodValidationPipe(ApprovePermissionRequestBodySchema, 'body')) body: ApproveBody,
    @Meta() meta: RequestMeta,
  ): Promise<ApprovedPermissionRequest> {
    return this.serviceClient.request<ApprovedPermissionRequest>(
      PermissionsSubjects.approvePermissionRequest,
      { ...body, id },
      meta,
    );
  }

  @Post(':id/reject')
  @HttpCode(200)
  @Action('permissions.request.approve', { departmentFrom: 'service' })
  @ApiOperation({ summary: 'Reject a request, with a reason', description: DECIDED_BY_SERVICE })
  @ApiIdParam('The request id')
  @ApiZodBody(RejectPermissionRequestBodySchema)
  @ApiZodReply(200, 'The rejected request', PermissionRequestSchema)
  @ApiProblems(...COMMAND_PROBLEMS)
  reject(
    @Param('id', PathIdPipe) id: string,
    @Body(new ZodValidationPipe(RejectPermissionRequestBodySchema, 'body')) body: RejectBody,
    @Meta() meta: RequestMeta,
  ): Promise<PermissionRequest> {
    return this.serviceClient.request<PermissionRequest>(
      PermissionsSubjects.rejectPermissionRequest,
      { ...body, id },
      meta,
    );
  }
}
