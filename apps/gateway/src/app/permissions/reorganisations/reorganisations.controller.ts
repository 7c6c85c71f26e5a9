import { Body, Controller, Get, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  DissolveDepartmentSchema,
  ListReorganisationsSchema,
  MergeDepartmentsSchema,
  PermissionsSubjects,
  RenameDepartmentSchema,
  ReorganisationResultSchema,
  ReorganisationSchema,
  SplitDepartmentSchema,
  pageSchema,
  type DissolveDepartment,
  type ListReorganisations,
  type MergeDepartments,
  type Page,
  type RenameDepartment,
  type Reorganisation,
  type ReorganisationResult,
  type RequestMeta,
  type SplitDepartment,
} from '@gongkai/contracts';
import { ServiceClient } from '@gongkai/messaging';
import { Action } from '../../auth/auth.decorators';
import { Meta } from '../../http/request-meta.decorator';
import { ZodValidationPipe } from '../../http/zod-validation.pipe';
import { ApiProblems, ApiZodQuery, COMMAND_PROBLEMS, LIST_PROBLEMS } from '../../openapi/api-schemas';
import { ApiZodBody, ApiZodReply } from '../shared/permissions.openapi';

const REPLY = 'The reorganisation (what moved, what ended) and the affected departments as they are now';

/**
 * Reorganisations (机构改革), one route per kind: each moves people, department-scoped bindings,
 * open requests and child departments in one transaction, and is kept with its history.
 */
@ApiTags('departments')
@Controller('reorganisations')
export class ReorganisationsController {
  constructor(private readonly serviceClient: ServiceClient) {}

  @Post('rename')
  @Action('permissions.admin')
  @ApiOperation({ summary: 'Rename a department from an effective date (kept in its history)' })
  @ApiZodBody(RenameDepartmentSchema)
  @ApiZodReply(201, REPLY, ReorganisationResultSchema)
  @ApiProblems(...COMMAND_PROBLEMS)
  rename(
    @Body(new ZodValidationPipe(RenameDepartmentSchema, 'body')) body: RenameDepartment,
    @Meta() meta: RequestMeta,
  ): Promise<ReorganisationResult> {
    return this.serviceClient.request<ReorganisationResult>(PermissionsSubjects.renameDepartment, body, meta);
  }

  @Post('merge')
  @Action('permissions.admin')
  @ApiOperation({
    summary: 'Merge departments into an existing or a new one',
    description:
      'The sources are dissolved with the target as successor; people, bindings, requests move there.',
  })
  @ApiZodBody(MergeDepartmentsSchema)
  @ApiZodReply(201, REPLY, ReorganisationResultSchema)
  @ApiProblems(...COMMAND_PROBLEMS)
  merge(
    @Body(new ZodValidationPipe(MergeDepartmentsSchema, 'body')) body: MergeDepartments,
    @Meta() meta: RequestMeta,
  ): Promise<ReorganisationResult> {
    return this.serviceClient.request<ReorganisationResult>(PermissionsSubjects.mergeDepartments, body, meta);
  }

  @Post('split')
  @Action('permissions.admin')
  @ApiOperation({
    summary: 'Split a department into new ones, assigning each of its people',
    description: 'Every person of the source must be assigned (409 names who is left).',
  })
  @ApiZodBody(SplitDepartmentSchema)
  @ApiZodReply(201, REPLY, ReorganisationResultSchema)
  @ApiProblems(...COMMAND_PROBLEMS)
  split(
    @Body(new ZodValidationPipe(SplitDepartmentSchema, 'body')) body: SplitDepartment,
    @Meta() meta: RequestMeta,
  ): Promise<ReorganisationResult> {
    return this.serviceClient.request<ReorganisationResult>(PermissionsSubjects.splitDepartment, body, meta);
  }

  @Post('dissolve')
  @Action('permissions.admin')
  @ApiOperation({
    summary: 'Dissolve a department, into a successor or with nobody left in it',
  })
  @ApiZodBody(DissolveDepartmentSchema)
  @ApiZodReply(201, REPLY, ReorganisationResultSchema)
  @ApiProblems(...COMMAND_PROBLEMS)
  dissolve(
    @Body(new ZodValidationPipe(DissolveDepartmentSchema, 'body')) body: DissolveDepartment,
    @Meta() meta: RequestMeta,
  ): Promise<ReorganisationResult> {
    return this.serviceClient.request<ReorganisationResult>(
      PermissionsSubjects.dissolveDepartment,
      body,
      meta,
    );
  }

  @Get()
  @Action('permissions.read')
  @ApiOperation({ summary: 'List reorganisations, oldest first (filter by department)' })
  @ApiZodQuery(ListReorganisationsSchema)
  @ApiZodReply(200, 'A page of reorganisations', pageSchema(ReorganisationSchema))
  @ApiProblems(...LIST_PROBLEMS)
  list(
    @Query(new ZodValidationPipe(ListReorganisationsSchema, 'query')) query: ListReorganisations,
    @Meta() meta: RequestMeta,
  ): Promise<Page<Reorganisation>> {
    return this.serviceClient.request<Page<Reorganisation>>(
      PermissionsSubjects.listReorganisations,
      query,
      meta,
    );
  }
}
