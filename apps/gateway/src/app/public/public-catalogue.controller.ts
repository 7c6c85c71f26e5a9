import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  CatalogueSubjects,
  PublicCatalogueQuerySchema,
  PublicCatalogueSchema,
  PublicItemDetailSchema,
  type PublicCatalogue,
  type PublicCatalogueQuery,
  type PublicItemDetail,
  type RequestMeta,
} from '@gongkai/contracts';
import { ServiceClient } from '@gongkai/messaging';
import { Public } from '../auth/auth.decorators';
import { itemIdPipe } from '../catalogue/catalogue-id.pipe';
import { ApiCatalogueReply, ApiItemParam } from '../catalogue/catalogue.openapi';
import { ZodValidationPipe } from '../http/zod-validation.pipe';
import { ApiProblems, ApiZodQuery } from '../openapi/api-schemas';
import { PublicMeta } from './public-meta.decorator';

/**
 * The public disclosure catalogue: no credentials, read-only. The catalogue service answers these
 * subjects with public, active items and their current published versions only, so a campus-only
 * item cannot leave here whatever the query.
 */
@ApiTags('public')
@Public()
@Controller('public/catalogue')
export class PublicCatalogueController {
  constructor(private readonly serviceClient: ServiceClient) {}

  @Get()
  @ApiOperation({
    summary: 'The public disclosure catalogue (信息公开目录) by category, with current versions',
  })
  @ApiZodQuery(PublicCatalogueQuerySchema)
  @ApiCatalogueReply(200, 'Categories with their public items', PublicCatalogueSchema)
  @ApiProblems(400, 429, 503, 504)
  list(
    @Query(new ZodValidationPipe(PublicCatalogueQuerySchema, 'query')) query: PublicCatalogueQuery,
    @PublicMeta() meta: RequestMeta,
  ): Promise<PublicCatalogue> {
    return this.serviceClient.request<PublicCatalogue>(CatalogueSubjects.publicCatalogue, query, meta);
  }

  @Get('items/:itemId')
  @ApiOperation({ summary: 'One public item with the full text of its current version' })
  @ApiItemParam()
  @ApiCatalogueReply(200, 'The item', PublicItemDetailSchema)
  @ApiProblems(400, 404, 429, 503, 504)
  get(
    @Param('itemId', itemIdPipe) itemId: string,
    @PublicMeta() meta: RequestMeta,
  ): Promise<PublicItemDetail> {
    return this.serviceClient.request<PublicItemDetail>(CatalogueSubjects.publicItem, { itemId }, meta);
  }
}
