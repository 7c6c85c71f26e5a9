import { Body, Controller, Get, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  CreateDepartmentSchema,
  ListQuerySchema,
  PermissionsSubjects,
  type CreateDepartment,
  type Department,
  type ListQuery,
  type Page,
  type RequestMeta,
} from '@gongkai/contracts';
import { ServiceClient } from '@gongkai/messaging';
import { Action } from '../auth/auth.decorators';
import { Meta } from '../http/request-meta.decorator';
import { ZodValidationPipe } from '../http/zod-validation.pipe';
import { ApiJsonBody, ApiProblems, ApiZodQuery, schemaRef } from '../openapi/api-schemas';

@ApiTags('departments')
@Controller('departments')
export class DepartmentsController {
  constructor(private readonly serviceClient: ServiceClient) {}

  @Post()
  @Action('permissions.admin')
  @ApiOperation({ summary: 'Create a department' })
  @ApiJsonBody('CreateDepartment')
  @ApiCreatedResponse({ description: 'The new department', schema: schemaRef('Department') })
  @ApiProblems(400, 401, 403, 404, 409, 413, 415, 429, 503, 504)
  create(
    @Body(new ZodValidationPipe(CreateDepartmentSchema, 'body')) body: CreateDepartment,
    @Meta() meta: RequestMeta,
  ): Promise<Department> {
    return this.serviceClient.request<Department>(PermissionsSubjects.createDepartment, body, meta);
  }

  @Get()
  @Action('permissions.read')
  @ApiOperation({ summary: 'List departments, a page at a time' })
  @ApiZodQuery(ListQuerySchema)
  @ApiOkResponse({ description: 'A page of departments', schema: schemaRef('DepartmentPage') })
  @ApiProblems(400, 401, 403, 429, 503, 504)
  list(
    @Query(new ZodValidationPipe(ListQuerySchema, 'query')) query: ListQuery,
    @Meta() meta: RequestMeta,
  ): Promise<Page<Department>> {
    return this.serviceClient.request<Page<Department>>(PermissionsSubjects.listDepartments, query, meta);
  }
}
