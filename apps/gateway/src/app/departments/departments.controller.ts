import { Controller, Get, Param, Patch, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import {
  PermissionsRpc,
  UpdateDepartmentBodySchema,
  type CreateDepartment,
  type ListDepartments,
  type RequestMeta,
  type UpdateDepartmentBody,
} from '@gongkai/contracts';
import { ServiceClient } from '@gongkai/messaging';
import { Meta } from '../http/request-meta.decorator';
import { RouteBody, RouteQuery, RpcRoute } from '../http/rpc-route';
import { COMMAND_PROBLEMS, GET_PROBLEMS, LIST_PROBLEMS } from '../openapi/api-schemas';
import { PathIdPipe } from '../permissions/shared/path-id.pipe';

const DEPARTMENT_ID = { id: 'The department id' };

/** The org tree. Reorganisations (rename with an effective date, merge, split, dissolve): /reorganisations. */
@ApiTags('departments')
@Controller('departments')
export class DepartmentsController {
  constructor(private readonly serviceClient: ServiceClient) {}

  @Post()
  @RpcRoute(PermissionsRpc.createDepartment, {
    action: 'permissions.admin',
    summary: 'Create a department',
    body: 'request',
    status: 201,
    reply: 'The new department',
    problems: COMMAND_PROBLEMS,
  })
  create(@RouteBody() body: CreateDepartment, @Meta() meta: RequestMeta) {
    return this.serviceClient.request(PermissionsRpc.createDepartment, body, meta);
  }

  @Get()
  @RpcRoute(PermissionsRpc.listDepartments, {
    authenticatedOnly: true,
    summary: 'List departments, a page at a time (filter by status, parent, type)',
    description:
      'Any signed-in caller: the organisation tree is what every campus system and person works in.',
    query: 'request',
    reply: 'A page of departments',
    problems: LIST_PROBLEMS,
  })
  list(@RouteQuery() query: ListDepartments, @Meta() meta: RequestMeta) {
    return this.serviceClient.request(PermissionsRpc.listDepartments, query, meta);
  }

  @Get(':id')
  @RpcRoute(PermissionsRpc.getDepartment, {
    authenticatedOnly: true,
    summary: 'One department',
    description:
      'Any signed-in caller: the organisation tree is what every campus system and person works in.',
    params: DEPARTMENT_ID,
    reply: 'The department',
    problems: GET_PROBLEMS,
  })
  get(@Param('id', PathIdPipe) id: string, @Meta() meta: RequestMeta) {
    return this.serviceClient.request(PermissionsRpc.getDepartment, { id }, meta);
  }

  @Patch(':id')
  @RpcRoute(PermissionsRpc.updateDepartment, {
    action: 'permissions.admin',
    summary: 'Rename a department in place or move it under another parent',
    description:
      '`parentId: null` makes it a root; a parent inside its own subtree is refused (400). ' +
      'A rename that takes effect on a date, with history, is POST /reorganisations/rename.',
    params: DEPARTMENT_ID,
    body: UpdateDepartmentBodySchema,
    reply: 'The department as it is now',
    problems: COMMAND_PROBLEMS,
  })
  update(
    @Param('id', PathIdPipe) id: string,
    @RouteBody() body: UpdateDepartmentBody,
    @Meta() meta: RequestMeta,
  ) {
    return this.serviceClient.request(PermissionsRpc.updateDepartment, { id, ...body }, meta);
  }

  @Get(':id/history')
  @RpcRoute(PermissionsRpc.getDepartmentHistory, {
    action: 'permissions.read',
    summary: "A department's revisions (names, parents, status), oldest first",
    params: DEPARTMENT_ID,
    reply: 'Every revision',
    problems: GET_PROBLEMS,
  })
  history(@Param('id', PathIdPipe) id: string, @Meta() meta: RequestMeta) {
    return this.serviceClient.request(PermissionsRpc.getDepartmentHistory, { id }, meta);
  }
}
