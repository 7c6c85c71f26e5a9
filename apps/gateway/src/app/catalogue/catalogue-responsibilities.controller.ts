import { Controller, Get, Param, Post, Put } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import {
  CatalogueRpc,
  GetResponsibilityQuerySchema,
  ReviseResponsibilityBodySchema,
  type CountRevisionsQuery,
  type ReassignDepartment,
  type RequestMeta,
  type ReviseResponsibilityBody,
} from '@gongkai/contracts';
import { ServiceClient } from '@gongkai/messaging';
import type { z } from 'zod';
import { Meta } from '../http/request-meta.decorator';
import { RouteBody, RouteQuery, RpcRoute } from '../http/rpc-route';
import { COMMAND_PROBLEMS, READ_PROBLEMS } from '../openapi/api-schemas';
import { itemIdPipe } from './catalogue-id.pipe';
import { ITEM_PARAM } from './catalogue-routes';

type GetResponsibilityQuery = z.infer<typeof GetResponsibilityQuerySchema>;

/**
 * 责任分工: who is responsible for each item, as an append-only history of revisions, each with
 * a reason and an effective date. Deciding responsibilities is the disclosure office's.
 */
@ApiTags('catalogue')
@Controller('catalogue')
export class CatalogueResponsibilitiesController {
  constructor(private readonly serviceClient: ServiceClient) {}

  @Get('items/:itemId/responsibility')
  @RpcRoute(CatalogueRpc.getResponsibility, {
    authenticatedOnly: true,
    summary: 'Who is responsible for an item (today, or on `?at=YYYY-MM-DD`), with the full history',
    params: ITEM_PARAM,
    query: GetResponsibilityQuerySchema,
    reply: 'The revision in force on that date and every revision',
    problems: READ_PROBLEMS,
  })
  get(
    @Param('itemId', itemIdPipe) itemId: string,
    @RouteQuery() query: GetResponsibilityQuery,
    @Meta() meta: RequestMeta,
  ) {
    return this.serviceClient.request(CatalogueRpc.getResponsibility, { itemId, ...query }, meta);
  }

  @Put('items/:itemId/responsibility')
  @RpcRoute(CatalogueRpc.reviseResponsibility, {
    action: 'permissions.admin',
    summary: 'Revise the responsible departments (a new revision with reason and effective date)',
    description: 'The effective date may not be before the item’s latest revision (409).',
    params: ITEM_PARAM,
    body: ReviseResponsibilityBodySchema,
    reply: 'The revision recorded',
    problems: COMMAND_PROBLEMS,
  })
  revise(
    @Param('itemId', itemIdPipe) itemId: string,
    @RouteBody() body: ReviseResponsibilityBody,
    @Meta() meta: RequestMeta,
  ) {
    return this.serviceClient.request(CatalogueRpc.reviseResponsibility, { itemId, ...body }, meta);
  }

  @Post('responsibilities/reassign-department')
  @RpcRoute(CatalogueRpc.reassignDepartment, {
    action: 'permissions.admin',
    summary: 'After a merge or rename: move every entry naming the old departments to the new one',
    description:
      'One revision per affected item (lead or co-operating department), all or none. ' +
      'Merges, renames and dissolutions made through /reorganisations do this by themselves.',
    body: 'request',
    reply: 'The revisions recorded',
    problems: COMMAND_PROBLEMS,
  })
  reassign(@RouteBody() body: ReassignDepartment, @Meta() meta: RequestMeta) {
    return this.serviceClient.request(CatalogueRpc.reassignDepartment, body, meta);
  }

  @Get('responsibility-revisions/count')
  @RpcRoute(CatalogueRpc.countRevisions, {
    authenticatedOnly: true,
    summary: 'How many responsibility entries were revised in a period (修订责任条目, a reported figure)',
    query: 'request',
    reply: 'The counts',
    problems: [400, 401, 429, 503, 504],
  })
  count(@RouteQuery() query: CountRevisionsQuery, @Meta() meta: RequestMeta) {
    return this.serviceClient.request(CatalogueRpc.countRevisions, query, meta);
  }
}
