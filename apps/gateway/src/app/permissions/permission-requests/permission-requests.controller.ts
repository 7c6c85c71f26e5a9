import { Controller, Get, Param, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import {
  ApprovePermissionRequestBodySchema,
  PermissionsRpc,
  RejectPermissionRequestBodySchema,
  type ListPermissionRequests,
  type OpenPermissionRequest,
  type RequestMeta,
} from '@gongkai/contracts';
import { ServiceClient } from '@gongkai/messaging';
import type { z } from 'zod';
import { Meta } from '../../http/request-meta.decorator';
import { RouteBody, RouteQuery, RpcRoute } from '../../http/rpc-route';
import { COMMAND_PROBLEMS, GET_PROBLEMS, LIST_PROBLEMS } from '../../openapi/api-schemas';
import { PathIdPipe } from '../shared/path-id.pipe';

type ApproveBody = z.infer<typeof ApprovePermissionRequestBodySchema>;
type RejectBody = z.infer<typeof RejectPermissionRequestBodySchema>;

const DECIDED_BY_SERVICE =
  "Who may decide depends on the request's department, which only the permissions service knows: the disclosure " +
  'office, or (policy `admin_or_reviewer`) a dept_reviewer of that department; nobody decides a request about themself.';
const REQUEST_ID = { id: 'The request id' };

/** Permission-change requests (权限变更申请): requested → approved (a binding) | rejected | cancelled. */
@ApiTags('permission-requests')
@Controller('permission-requests')
export class PermissionRequestsController {
  constructor(private readonly serviceClient: ServiceClient) {}

  @Get()
  @RpcRoute(PermissionsRpc.listPermissionRequests, {
    action: 'permissions.read',
    departmentFrom: 'service',
    summary: 'List permission requests (filter by status, department, subject, origin)',
    description:
      'The disclosure office and auditors (`permissions.read`) see every request; a department’s reviewer ' +
      '(`permissions.request.approve` there) sees the requests of their own department, filtered by the ' +
      'permissions service from their bindings (a `departmentId` outside them is refused).',
    query: 'request',
    reply: 'A page of permission requests',
    problems: LIST_PROBLEMS,
  })
  list(@RouteQuery() query: ListPermissionRequests, @Meta() meta: RequestMeta) {
    return this.serviceClient.request(PermissionsRpc.listPermissionRequests, query, meta);
  }

  // ACTIONS has no "request a role" action: staff ask for themselves, approvers for others (the service decides).
  @Post()
  @RpcRoute(PermissionsRpc.openPermissionRequest, {
    action: 'permissions.request.approve',
    departmentFrom: 'service',
    summary: 'Ask for a role for a person or client',
    description:
      'Active staff may ask for a role for themselves (`subjectId`: their own person id). For anybody else, ' +
      'whoever may approve requests in that department (`permissions.request.approve`: the ' +
      "department's reviewer, or the disclosure office; school-wide roles: the office).",
    body: 'request',
    status: 201,
    reply: 'The open request',
    problems: COMMAND_PROBLEMS,
  })
  open(@RouteBody() body: OpenPermissionRequest, @Meta() meta: RequestMeta) {
    return this.serviceClient.request(PermissionsRpc.openPermissionRequest, body, meta);
  }

  @Get(':id')
  @RpcRoute(PermissionsRpc.getPermissionRequest, {
    action: 'permissions.read',
    summary: 'One permission request',
    params: REQUEST_ID,
    reply: 'The request',
    problems: GET_PROBLEMS,
  })
  get(@Param('id', PathIdPipe) id: string, @Meta() meta: RequestMeta) {
    return this.serviceClient.request(PermissionsRpc.getPermissionRequest, { id }, meta);
  }

  @Post(':id/approve')
  @RpcRoute(PermissionsRpc.approvePermissionRequest, {
    action: 'permissions.request.approve',
    departmentFrom: 'service',
    summary: 'Approve a request: the binding is granted',
    description: DECIDED_BY_SERVICE,
    params: REQUEST_ID,
    body: ApprovePermissionRequestBodySchema,
    reply: 'The approved request and its new binding',
    problems: COMMAND_PROBLEMS,
  })
  approve(@Param('id', PathIdPipe) id: string, @RouteBody() body: ApproveBody, @Meta() meta: RequestMeta) {
    return this.serviceClient.request(PermissionsRpc.approvePermissionRequest, { ...body, id }, meta);
  }

  @Post(':id/reject')
  @RpcRoute(PermissionsRpc.rejectPermissionRequest, {
    action: 'permissions.request.approve',
    departmentFrom: 'service',
    summary: 'Reject a request, with a reason',
    description: DECIDED_BY_SERVICE,
    params: REQUEST_ID,
    body: RejectPermissionRequestBodySchema,
    reply: 'The rejected request',
    problems: COMMAND_PROBLEMS,
  })
  reject(@Param('id', PathIdPipe) id: string, @RouteBody() body: RejectBody, @Meta() meta: RequestMeta) {
    return this.serviceClient.request(PermissionsRpc.rejectPermissionRequest, { ...body, id }, meta);
  }
}
