import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  CreateDepartmentSchema,
  DepartmentHistorySchema,
  DepartmentSchema,
  ListDepartmentsSchema,
  PermissionsSubjects,
  UpdateDepartmentBodySchema,
  type CreateDepartment,
  type Department,
  type DepartmentHistory,
  type ListDepartments,
  type Page,
  type RequestMeta,
  type UpdateDepartmentBody,
} from '@gongkai/contracts';
import { ServiceClient } from '@gongkai/messaging';
import { Action } from '../auth/auth.decorators';
import { Meta } from '../http/request-meta.decorator';
import { ZodValidationPipe } from '../http/zod-validation.pipe';
import {
  ApiJsonBody,
  ApiProblems,
  ApiZodQuery,
  COMMAND_PROBLEMS,
  GET_PROBLEMS,
  LIST_PROBLEMS,
  schemaRef,
} from '../openapi/api-schemas';
import { ApiIdParam, ApiZodBody, ApiZodReply } from '../permissions/shared/permissions.openapi';
import { PathIdPipe } from '../permissions/shared/path-id.pipe';

/** The org tree. Reorganisations (rename with an effective date, merge, split, dissolve): /reorganisations. */
@ApiTags('departments')
@Controller('departments')
export class DepartmentsController {
  constructor(private readonly serviceClient: ServiceClient) {}

  @Post()
  @Action('permissions.admin')
  @ApiOperation({ summary: 'Create a department' })
  @ApiJsonBody('CreateDepartment')
  @ApiCreatedResponse({ description: 'The new department', schema: schemaRef('Department') })
  @ApiProblems(...COMMAND_PROBLEMS)
  create(
    @Body(new ZodValidationPipe(CreateDepartmentSchema, 'body')) body: CreateDepartment,
    @Meta() meta: RequestMeta,
  ): Promise<Department> {
    return this.serviceClient.request<Department>(PermissionsSubjects.createDepartment, body, meta);
  }

  @Get()
  @Action('permissions.read')
  @ApiOperation({ summary: 'List departments, a page at a time (filter by status, parent, type)' })
  @ApiZodQuery(ListDepartmentsSchema)
  @ApiOkResponse({ description: 'A page of departments', schema: schemaRef('DepartmentPage') })
  @ApiProblems(...LIST_PROBLEMS)
  list(
    @Query(new ZodValidationPipe(ListDepartmentsSchema, 'query')) query: ListDepartments,
    @Meta() meta: RequestMeta,
  ): Promise<Page<Department>> {
    return this.serviceClient.request<Page<Department>>(PermissionsSubjects.listDepartments, query, meta);
  }

  @Get(':id')
  @Action('permissions.read')
  @ApiOperation({ summary: 'One department' })
  @ApiIdParam('The department id')
  @ApiZodReply(200, 'The department', DepartmentSchema)
  @ApiProblems(...GET_PROBLEMS)
  get(@Param('id', PathIdPipe) id: string, @Meta() meta: RequestMeta): Promise<Department> {
    return this.serviceClient.request<Department>(PermissionsSubjects.getDepartment, { id }, meta);
  }

  @Patch(':id')
  @Action('permissions.admin')
  @ApiOperation({
    summary: 'Rename a department in place or move it under another parent',
    description:
      '`parentId: null` makes it a root; a parent inside its own subtree is refused (400). ' +
      'A rename that takes effect on a date, with history, is POST /reorganisations/rename.',
  })
  @ApiIdParam('The department id')
  @ApiZodBody(UpdateDepartmentBodySchema)
  @ApiZodReply(200, 'The department as it is now', DepartmentSchema)
  @ApiProblems(...COMMAND_PROBLEMS)
  update(
    @Param('id', PathIdPipe) id: string,
    @Body(new ZodValidationPipe(UpdateDepartmentBodySchema, 'body')) body: UpdateDepartmentBody,
    @Meta() meta: RequestMeta,
  ): Promise<Department> {
    return this.serviceClient.request<Department>(
      PermissionsSubjects.updateDepartment,
      { id, ...body },
      meta,
    );
  }

  @Get(':id/history')
  @Action('permissions.read')
  @ApiOperation({ summary: "A department's revisions (names, parents, status), oldest first" })
  @ApiIdParam('The department id')
  @ApiZodReply(200, 'Every revision', DepartmentHistorySchema)
  @ApiProblems(...GET_PROBLEMS)
  history(@Param('id', PathIdPipe) id: string, @Meta() meta: RequestMeta): Promise<DepartmentHistory> {
    return this.serviceClient.request<DepartmentHistory>(
      PermissionsSubjects.getDepartmentHistory,
      { id },
      meta,
    );
  }
}
