import { Body, Controller, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  CatalogueSubjects,
  CountRevisionsQuerySchema,
  GetResponsibilityQuerySchema,
  ReassignDepartmentSchema,
  ReassignmentResultSchema,
  ResponsibilityRevisionSchema,
  ResponsibilityViewSchema,
  ReviseResponsibilityBodySchema,
  RevisionCountSchema,
  type CountRevisionsQuery,
  type ReassignDepartment,
  type ReassignmentResult,
  type RequestMeta,
  type ResponsibilityRevision,
  type ResponsibilityView,
  type ReviseResponsibilityBody,
  type RevisionCount,
} from '@gongkai/contracts';
import { ServiceClient } from '@gongkai/messaging';
import { z } from 'zod';
import { Action, AuthenticatedOnly } from '../auth/auth.decorators';
import { Meta } from '../http/request-meta.decorator';
import { ZodValidationPipe } from '../http/zod-validation.pipe';
import { ApiProblems, ApiZodQuery } from '../openapi/api-schemas';
import { itemIdPipe } from './catalogue-id.pipe';
import {
  ApiCatalogueBody,
  ApiCatalogueReply,
  ApiItemParam,
  COMMAND_PROBLEMS,
  READ_PROBLEMS,
} from './catalogue.openapi';

/**
 * 责任分工: who is responsible for each item, as an append-only history of revisions, each with
 * a reason and an effective date. Deciding responsibilities is the disclosure office's.
 */
@ApiTags('catalogue')
@Controller('catalogue')
export class CatalogueResponsibilitiesController {
  constructor(private readonly serviceClient: ServiceClient) {}

  @Get('items/:itemId/responsibility')
  @AuthenticatedOnly()
  @ApiOperation({
    summary: 'Who is responsible for an item (today, or on `?at=YYYY-MM-DD`), with the full history',
  })
  @ApiItemParam()
  @ApiZodQuery(GetResponsibilityQuerySchema)
  @ApiCatalogueReply(200, 'The revision in force on that date and every revision', ResponsibilityViewSchema)
  @ApiProblems(...READ_PROBLEMS)
  get(
    @Param('itemId', itemIdPipe) itemId: string,
    @Query(new ZodValidationPipe(GetResponsibilityQuerySchema, 'query'))
    query: z.infer<typeof GetResponsibilityQuerySchema>,
    @Meta() meta: RequestMeta,
  ): Promise<ResponsibilityView> {
    return this.serviceClient.request<ResponsibilityView>(
      CatalogueSubjects.getResponsibility,
      { itemId, ...query },
      meta,
    );
  }

  @Put('items/:itemId/responsibility')
  @Action('permissions.admin')
  @ApiOperation({
    summary: 'Revise the responsible departments (a new revision with reason and effective date)',
    description: 'The effective date may not be before the item’s latest revision (409).',
  })
  @ApiItemParam()
  @ApiCatalogueBody(ReviseResponsibilityBodySchema)
  @ApiCatalogueReply(200, 'The revision recorded', ResponsibilityRevisionSchema)
  @ApiProblems(...COMMAND_PROBLEMS)
  revise(
    @Param('itemId', itemIdPipe) itemId: string,
    @Body(new ZodValidationPipe(ReviseResponsibilityBodySchema, 'body')) body: ReviseResponsibilityBody,
    @Meta() meta: RequestMeta,
  ): Promise<ResponsibilityRevision> {
    return this.serviceClient.request<ResponsibilityRevision>(
      CatalogueSubjects.reviseResponsibility,
      { itemId, ...body },
      meta,
    );
  }

  @Post('responsibilities/reassign-department')
  @HttpCode(200)
  @Action('permissions.admin')
  @ApiOperation({
    summary: 'After a merge or rename: move every entry naming the old departments to the new one',
    description:
      'One revision per affected item (lead or co-operating department), all or none. ' +
      'Merges, renames and dissolutions made through /reorganisations do this by themselves.',
  })
  @ApiCatalogueBody(ReassignDepartmentSchema)
  @ApiCatalogueReply(200, 'The revisions recorded', ReassignmentResultSchema)
  @ApiProblems(...COMMAND_PROBLEMS)
  reassign(
    @Body(new ZodValidationPipe(ReassignDepartmentSchema, 'body')) body: ReassignDepartment,
    @Meta() meta: RequestMeta,
  ): Promise<ReassignmentResult> {
    return this.serviceClient.request<ReassignmentResult>(CatalogueSubjects.reassignDepartment, body, meta);
  }

  @Get('responsibility-revisions/count')
  @AuthenticatedOnly()
  @ApiOperation({
    summary: 'How many responsibility entries were revised in a period (修订责任条目, a reported figure)',
  })
  @ApiZodQuery(CountRevisionsQuerySchema)
  @ApiCatalogueReply(200, 'The counts', RevisionCountSchema)
  @ApiProblems(400, 401, 429, 503, 504)
  count(
    @Query(new ZodValidationPipe(CountRevisionsQuerySchema, 'query')) query: CountRevisionsQuery,
    @Meta() meta: RequestMeta,
  ): Promise<RevisionCount> {
    return this.serviceClient.request<RevisionCount>(CatalogueSubjects.countRevisions, query, meta);
  }
}
