import { Body, Controller, Get, HttpCode, Param, Patch, Post, Put, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  CatalogueItemPageSchema,
  CatalogueItemSchema,
  CatalogueSettingsSchema,
  CatalogueSubjects,
  CategoryListSchema,
  CreateItemSchema,
  ListItemsQuerySchema,
  ListOverdueQuerySchema,
  OverdueReportSchema,
  RecordChangeBodySchema,
  UpdateItemBodySchema,
  UpdateSettingsSchema,
  type CatalogueItem,
  type CatalogueSettings,
  type CategoryList,
  type CreateItem,
  type ListItemsQuery,
  type ListOverdueQuery,
  type OverdueReport,
  type Page,
  type RecordChangeBody,
  type RequestMeta,
  type UpdateItemBody,
  type UpdateSettings,
} from '@gongkai/contracts';
import { ServiceClient } from '@gongkai/messaging';
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
  ITEM_DEPARTMENT,
  READ_PROBLEMS,
} from './catalogue.openapi';

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
  @AuthenticatedOnly()
  @ApiOperation({ summary: 'The catalogue categories (the Ministry list’s 10 and the university’s own)' })
  @ApiCatalogueReply(200, 'Every category with its number of items', CategoryListSchema)
  @ApiProblems(401, 429, 503, 504)
  categories(@Meta() meta: RequestMeta): Promise<CategoryList> {
    return this.serviceClient.request<CategoryList>(CatalogueSubjects.listCategories, {}, meta);
  }

  @Get('items')
  @AuthenticatedOnly()
  @ApiOperation({
    summary: 'List or search catalogue items',
    description:
      '`q` is a keyword matched inside title, description and code (Chinese works without spaces, ' +
      'two characters are enough). `departmentId` matches the lead or a co-operating department today.',
  })
  @ApiZodQuery(ListItemsQuerySchema)
  @ApiCatalogueReply(200, 'A page of items, by code', CatalogueItemPageSchema)
  @ApiProblems(...READ_PROBLEMS)
  list(
    @Query(new ZodValidationPipe(ListItemsQuerySchema, 'query')) query: ListItemsQuery,
    @Meta() meta: RequestMeta,
  ): Promise<Page<CatalogueItem>> {
    return this.serviceClient.request<Page<CatalogueItem>>(CatalogueSubjects.listItems, query, meta);
  }

  @Post('items')
  @Action('permissions.admin')
  @ApiOperation({ summary: "Add one of the university's own items (or a Ministry sub-item such as 1.2)" })
  @ApiCatalogueBody(CreateItemSchema)
  @ApiCatalogueReply(201, 'The new item', CatalogueItemSchema)
  @ApiProblems(...COMMAND_PROBLEMS)
  create(
    @Body(new ZodValidationPipe(CreateItemSchema, 'body')) body: CreateItem,
    @Meta() meta: RequestMeta,
  ): Promise<CatalogueItem> {
    return this.serviceClient.request<CatalogueItem>(CatalogueSubjects.createItem, body, meta);
  }

  @Get('items/:itemId')
  @AuthenticatedOnly()
  @ApiOperation({ summary: 'One item with its responsible departments, current version and freshness' })
  @ApiItemParam()
  @ApiCatalogueReply(200, 'The item', CatalogueItemSchema)
  @ApiProblems(...READ_PROBLEMS)
  get(@Param('itemId', itemIdPipe) itemId: string, @Meta() meta: RequestMeta): Promise<CatalogueItem> {
    return this.serviceClient.request<CatalogueItem>(CatalogueSubjects.getItem, { itemId }, meta);
  }

  @Patch('items/:itemId')
  @Action('catalogue.item.update', ITEM_DEPARTMENT)
  @ApiOperation({
    summary: 'Edit an item (title, category, scope, cycle, time limit, channels, column link, status…)',
    description: '`null` clears an optional field; `timeLimitDays: null` goes back to the catalogue default.',
  })
  @ApiItemParam()
  @ApiCatalogueBody(UpdateItemBodySchema)
  @ApiCatalogueReply(200, 'The item as it is now', CatalogueItemSchema)
  @ApiProblems(...COMMAND_PROBLEMS)
  update(
    @Param('itemId', itemIdPipe) itemId: string,
    @Body(new ZodValidationPipe(UpdateItemBodySchema, 'body')) changes: UpdateItemBody,
    @Meta() meta: RequestMeta,
  ): Promise<CatalogueItem> {
    return this.serviceClient.request<CatalogueItem>(CatalogueSubjects.updateItem, { itemId, changes }, meta);
  }

  @Post('items/:itemId/changes')
  @HttpCode(200)
  @Action('catalogue.item.update', ITEM_DEPARTMENT)
  @ApiOperation({
    summary: 'Record that the information behind an item changed (starts its time limit)',
  })
  @ApiItemParam()
  @ApiCatalogueBody(RecordChangeBodySchema)
  @ApiCatalogueReply(200, 'The item with its new due date', CatalogueItemSchema)
  @ApiProblems(...COMMAND_PROBLEMS)
  recordChange(
    @Param('itemId', itemIdPipe) itemId: string,
    @Body(new ZodValidationPipe(RecordChangeBodySchema, 'body')) body: RecordChangeBody,
    @Meta() meta: RequestMeta,
  ): Promise<CatalogueItem> {
    return this.serviceClient.request<CatalogueItem>(
      CatalogueSubjects.recordChange,
      { itemId, ...body },
      meta,
    );
  }

  @Get('overdue')
  @AuthenticatedOnly()
  @ApiOperation({
    summary: 'Stale items (past their next due date), grouped by lead department',
    description: 'Due dates count Chinese working days (holidays and 调休) in Asia/Shanghai.',
  })
  @ApiZodQuery(ListOverdueQuerySchema)
  @ApiCatalogueReply(200, 'Overdue items by department', OverdueReportSchema)
  @ApiProblems(...READ_PROBLEMS)
  overdue(
    @Query(new ZodValidationPipe(ListOverdueQuerySchema, 'query')) query: ListOverdueQuery,
    @Meta() meta: RequestMeta,
  ): Promise<OverdueReport> {
    return this.serviceClient.request<OverdueReport>(CatalogueSubjects.listOverdue, query, meta);
  }

  @Get('settings')
  @AuthenticatedOnly()
  @ApiOperation({ summary: 'Catalogue settings (the default time limit in working days)' })
  @ApiCatalogueReply(200, 'The settings', CatalogueSettingsSchema)
  @ApiProblems(401, 429, 503, 504)
  settings(@Meta() meta: RequestMeta): Promise<CatalogueSettings> {
    return this.serviceClient.request<CatalogueSettings>(CatalogueSubjects.getSettings, {}, meta);
  }

  @Put('settings')
  @Action('permissions.admin')
  @ApiOperation({ summary: 'Change the default time limit (a revision of the rules is pending)' })
  @ApiCatalogueBody(UpdateSettingsSchema)
  @ApiCatalogueReply(200, 'The settings as they are now', CatalogueSettingsSchema)
  @ApiProblems(...COMMAND_PROBLEMS)
  updateSettings(
    @Body(new ZodValidationPipe(UpdateSettingsSchema, 'body')) body: UpdateSettings,
    @Meta() meta: RequestMeta,
  ): Promise<CatalogueSettings> {
    return this.serviceClient.request<CatalogueSettings>(CatalogueSubjects.updateSettings, body, meta);
  }
}
