import { Controller, Get, Param, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import {
  PermissionsRpc,
  RevokeRoleBindingBodySchema,
  type GrantRoleBinding,
  type ListRoleBindings,
  type RequestMeta,
} from '@gongkai/contracts';
import { ServiceClient } from '@gongkai/messaging';
import type { z } from 'zod';
import { Meta } from '../../http/request-meta.decorator';
import { RouteBody, RouteQuery, RpcRoute } from '../../http/rpc-route';
import { COMMAND_PROBLEMS, GET_PROBLEMS, LIST_PROBLEMS } from '../../openapi/api-schemas';
import { PathIdPipe } from '../shared/path-id.pipe';

type RevokeBody = z.infer<typeof RevokeRoleBindingBodySchema>;
const BINDING_ID = { id: 'The binding id' };

/** Role bindings: subject × role × department (null = school-wide) × validity window. */
@ApiTags('role-bindings')
@Controller('role-bindings')
export class RoleBindingsController {
  constructor(private readonly serviceClient: ServiceClient) {}

  @Get()
  @RpcRoute(PermissionsRpc.listRoleBindings, {
    action: 'permissions.read',
    summary: 'List role bindings (filter by subject, department, role, status)',
    query: 'request',
    reply: 'A page of role bindings',
    problems: LIST_PROBLEMS,
  })
  list(@RouteQuery() query: ListRoleBindings, @Meta() meta: RequestMeta) {
    return this.serviceClient.request(PermissionsRpc.listRoleBindings, query, meta);
  }

  @Post()
  @RpcRoute(PermissionsRpc.grantRoleBinding, {
    action: 'permissions.admin',
    summary: 'Grant a role directly (the disclosure office)',
    description:
      'Department roles need `departmentId`, school-wide roles take none. `validFrom` may lie in the future ' +
      '(the binding starts by itself); `validTo` ends it. Others ask through POST /permission-requests.',
    body: 'request',
    status: 201,
    reply: 'The new binding',
    problems: COMMAND_PROBLEMS,
  })
  grant(@RouteBody() body: GrantRoleBinding, @Meta() meta: RequestMeta) {
    return this.serviceClient.request(PermissionsRpc.grantRoleBinding, body, meta);
  }

  @Get(':id')
  @RpcRoute(PermissionsRpc.getRoleBinding, {
    action: 'permissions.read',
    summary: 'One role binding',
    params: BINDING_ID,
    reply: 'The binding',
    problems: GET_PROBLEMS,
  })
  get(@Param('id', PathIdPipe) id: string, @Meta() meta: RequestMeta) {
    return this.serviceClient.request(PermissionsRpc.getRoleBinding, { id }, meta);
  }

  @Post(':id/revoke')
  @RpcRoute(PermissionsRpc.revokeRoleBinding, {
    action: 'permissions.admin',
    summary: 'End a binding now, with a reason (audited)',
    params: BINDING_ID,
    body: RevokeRoleBindingBodySchema,
    reply: 'The ended binding',
    problems: COMMAND_PROBLEMS,
  })
  revoke(@Param('id', PathIdPipe) id: string, @RouteBody() body: RevokeBody, @Meta() meta: RequestMeta) {
    return this.serviceClient.request(PermissionsRpc.revokeRoleBinding, { ...body, id }, meta);
  }
}
