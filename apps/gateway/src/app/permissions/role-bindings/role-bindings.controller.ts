import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  GrantRoleBindingSchema,
  ListRoleBindingsSchema,
  PermissionsSubjects,
  RevokeRoleBindingBodySchema,
  RoleBindingSchema,
  pageSchema,
  type GrantRoleBinding,
  type ListRoleBindings,
  type Page,
  type RequestMeta,
  type RoleBinding,
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

type RevokeBody = z.infer<typeof RevokeRoleBindingBodySchema>;

/** Role bindings: subject × role × department (null = school-wide) × validity window. */
@ApiTags('role-bindings')
@Controller('role-bindings')
export class RoleBindingsController {
  constructor(private readonly serviceClient: ServiceClient) {}

  @Get()
  @Action('permissions.read')
  @ApiOperation({ summary: 'List role bindings (filter by subject, department, role, status)' })
  @ApiZodQuery(ListRoleBindingsSchema)
  @ApiZodReply(200, 'A page of role bindings', pageSchema(RoleBindingSchema))
  @ApiProblems(...LIST_PROBLEMS)
  list(
    @Query(new ZodValidationPipe(ListRoleBindingsSchema, 'query')) query: ListRoleBindings,
    @Meta() meta: RequestMeta,
  ): Promise<Page<RoleBinding>> {
    return this.serviceClient.request<Page<RoleBinding>>(PermissionsSubjects.listRoleBindings, query, meta);
  }

  @Post()
  @Action('permissions.admin')
  @ApiOperation({
    summary: 'Grant a role directly (the disclosure office)',
    description:
      'Department roles need `departmentId`, school-wide roles take none. `validFrom` may lie in the future ' +
      '(the binding starts by itself); `validTo` ends it. Others ask through POST /permission-requests.',
  })
  @ApiZodBody(GrantRoleBindingSchema)
  @ApiZodReply(201, 'The new binding', RoleBindingSchema)
  @ApiProblems(...COMMAND_PROBLEMS)
  grant(
    @Body(new ZodValidationPipe(GrantRoleBindingSchema, 'body')) body: GrantRoleBinding,
    @Meta() meta: RequestMeta,
  ): Promise<RoleBinding> {
    return this.serviceClient.request<RoleBinding>(PermissionsSubjects.grantRoleBinding, body, meta);
  }

  @Get(':id')
  @Action('permissions.read')
  @ApiOperation({ summary: 'One role binding' })
  @ApiIdParam('The binding id')
  @ApiZodReply(200, 'The binding', RoleBindingSchema)
  @ApiProblems(...GET_PROBLEMS)
  get(@Param('id', PathIdPipe) id: string, @Meta() meta: RequestMeta): Promise<RoleBinding> {
    return this.serviceClient.request<RoleBinding>(PermissionsSubjects.getRoleBinding, { id }, meta);
  }

  @Post(':id/revoke')
  @HttpCode(200)
  @Action('permissions.admin')
  @ApiOperation({ summary: 'End a binding now, with a reason (audited)' })
  @ApiIdParam('The binding id')
  @ApiZodBody(RevokeRoleBindingBodySchema)
  @ApiZodReply(200, 'The ended binding', RoleBindingSchema)
  @ApiProblems(...COMMAND_PROBLEMS)
  revoke(
    @Param('id', PathIdPipe) id: string,
    @Body(new ZodValidationPipe(RevokeRoleBindingBodySchema, 'body')) body: RevokeBody,
    @Meta() meta: RequestMeta,
  ): Promise<RoleBinding> {
    return this.serviceClient.request<RoleBinding>(
      PermissionsSubjects.revokeRoleBinding,
      { ...body, id },
      meta,
    );
  }
}
