import { Controller, Get, Param } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { CatalogueRpc, type PublicCatalogueQuery, type RequestMeta } from '@gongkai/contracts';
import { ServiceClient } from '@gongkai/messaging';
import { Public } from '../auth/auth.decorators';
import { itemIdPipe } from '../catalogue/catalogue-id.pipe';
import { ITEM_PARAM } from '../catalogue/catalogue-routes';
import { RouteQuery, RpcRoute } from '../http/rpc-route';
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
  @RpcRoute(CatalogueRpc.publicCatalogue, {
    public: true,
    summary: 'The public disclosure catalogue (信息公开目录) by category, with current versions',
    query: 'request',
    reply: 'Categories with their public items',
    problems: [400, 429, 503, 504],
  })
  list(@RouteQuery() query: PublicCatalogueQuery, @PublicMeta() meta: RequestMeta) {
    return this.serviceClient.request(CatalogueRpc.publicCatalogue, query, meta);
  }

  @Get('items/:itemId')
  @RpcRoute(CatalogueRpc.publicItem, {
    public: true,
    summary: 'One public item with the full text of its current version',
    params: ITEM_PARAM,
    reply: 'The item',
    problems: [400, 404, 429, 503, 504],
  })
  get(@Param('itemId', itemIdPipe) itemId: string, @PublicMeta() meta: RequestMeta) {
    return this.serviceClient.request(CatalogueRpc.publicItem, { itemId }, meta);
  }
}
