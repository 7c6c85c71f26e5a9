import { Controller, Get, Param, Patch, Post, Put } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import {
  CatalogueRpc,
  RecordChangeBodySchema,
  UpdateItemBodySchema,
  type CreateItem,
  type ListItemsQuery,
  type ListOverdueQuery,
  type RecordChangeBody,
  type RequestMeta,
  type UpdateItemBody,
  type UpdateSettings,
} from '@gongkai/contracts';
import { ServiceClient } from '@gongkai/messaging';
import { Meta } from '../http/request-meta.decorator';
import { RouteBody, RouteQuery, RpcRoute } from '../http/rpc-route';
import { COMMAND_PROBLEMS, READ_PROBLEMS } from '../openapi/api-schemas';
import { itemIdPipe } from './catalogue-id.pipe';
import { ITEM_DEPARTMENT, ITEM_PARAM } from './catalogue-routes';

/**
 * The disclosure catalogue (信息公开目录): categories, items, their freshness and the catalogue's
 * settings. Reads need an authenticated caller (campus-only items are among them); the public
 * sees /public/catalogue. Administration (new items, settings) is the disclosure office's.
 */
@ApiTags('catalogue')
@Controller('catalogue')
export class CatalogueItemsController {
  constructor(private readonly serviceClient: ServiceClient) {}

  @Get('categories')
  @RpcRoute(CatalogueRpc.listCategories, {
    authenticatedOnly: true,
    summary: 'The catalogue categories (the Ministry list’s 10 and the university’s own)',
    reply: 'Every category with its number of items',
    problems: [401, 429, 503, 504],
  })
  categories(@Meta() meta: RequestMeta) {
    return this.serviceClient.request(CatalogueRpc.listCategories, {}, meta);
  }

  @Get('items')
  @RpcRoute(CatalogueRpc.listItems, {
    authenticatedOnly: true,
    summary: 'List or search catalogue items',
    description:
      '`q` is a keyword matched inside title, description and code (Chinese works without spaces, ' +
      'two characters are enough). `departmentId` matches the lead or a co-operating department today.',
    query: 'request',
    reply: 'A page of items, by code',
    problems: READ_PROBLEMS,
  })
  list(@RouteQuery() query: ListItemsQuery, @Meta() meta: RequestMeta) {
    return this.serviceClient.request(CatalogueRpc.listItems, query, meta);
  }

  @Post('items')
  @RpcRoute(CatalogueRpc.createItem, {
    action: 'permissions.admin',
    summary: "Add one of the university's own items (or a Ministry sub-item such as 1.2)",
    body: 'request',
    status: 201,
    reply: 'The new item',
    problems: COMMAND_PROBLEMS,
  })
  create(@RouteBody() body: CreateItem, @Meta() meta: RequestMeta) {
    return this.serviceClient.request(CatalogueRpc.createItem, body, meta);
  }

  @Get('items/:itemId')
  @RpcRoute(CatalogueRpc.getItem, {
    authenticatedOnly: true,
    summary: 'One item with its responsible departments, current version and freshness',
    params: ITEM_PARAM,
    reply: 'The item',
    problems: READ_PROBLEMS,
  })
  get(@Param('itemId', itemIdPipe) itemId: string, @Meta() meta: RequestMeta) {
    return this.serviceClient.request(CatalogueRpc.getItem, { itemId }, meta);
  }

  @Patch('items/:itemId')
  @RpcRoute(CatalogueRpc.updateItem, {
    action: 'catalogue.item.update',
    ...ITEM_DEPARTMENT,
    summary: 'Edit an item (title, category, scope, cycle, time limit, channels, column link, status…)',
    description: '`null` clears an optional field; `timeLimitDays: null` goes back to the catalogue default.',
    params: ITEM_PARAM,
    body: UpdateItemBodySchema,
    reply: 'The item as it is now',
    problems: COMMAND_PROBLEMS,
  })
  update(
    @Param('itemId', itemIdPipe) itemId: string,
    @RouteBody() changes: UpdateItemBody,
    @Meta() meta: RequestMeta,
  ) {
    return this.serviceClient.request(CatalogueRpc.updateItem, { itemId, changes }, meta);
  }

  @Post('items/:itemId/changes')
  @RpcRoute(CatalogueRpc.recordChange, {
    action: 'catalogue.item.update',
    ...ITEM_DEPARTMENT,
    summary: 'Record that the information behind an item changed (starts its time limit)',
    params: ITEM_PARAM,
    body: RecordChangeBodySchema,
    reply: 'The item with its new due date',
    problems: COMMAND_PROBLEMS,
  })
  recordChange(
    @Param('itemId', itemIdPipe) itemId: string,
    @RouteBody() body: RecordChangeBody,
    @Meta() meta: RequestMeta,
  ) {
    return this.serviceClient.request(CatalogueRpc.recordChange, { itemId, ...body }, meta);
  }

  @Get('overdue')
  @RpcRoute(CatalogueRpc.listOverdue, {
    authenticatedOnly: true,
    summary: 'Stale items (past their next due date), grouped by lead department',
    description: 'Due dates count Chinese working days (holidays and 调休) in Asia/Shanghai.',
    query: 'request',
    reply: 'Overdue items by department',
    problems: READ_PROBLEMS,
  })
  overdue(@RouteQuery() query: ListOverdueQuery, @Meta() meta: RequestMeta) {
    return this.serviceClient.request(CatalogueRpc.listOverdue, query, meta);
  }

  @Get('settings')
  @RpcRoute(CatalogueRpc.getSettings, {
    authenticatedOnly: true,
    summary: 'Catalogue settings (the default time limit in working days)',
    reply: 'The settings',
    problems: [401, 429, 503, 504],
  })
  settings(@Meta() meta: RequestMeta) {
    return this.serviceClient.request(CatalogueRpc.getSettings, {}, meta);
  }

  @Put('settings')
  @RpcRoute(CatalogueRpc.updateSettings, {
    action: 'permissions.admin',
    summary: 'Change the default time limit (a revision of the rules is pending)',
    body: 'request',
    reply: 'The settings as they are now',
    problems: COMMAND_PROBLEMS,
  })
  updateSettings(@RouteBody() body: UpdateSettings, @Meta() meta: RequestMeta) {
    return this.serviceClient.request(CatalogueRpc.updateSettings, body, meta);
  }
}
