import { Controller } from '@nestjs/common';
import { CatalogueRpc, type Page, type Publication } from '@gongkai/contracts';
import { DecidesPermission } from '@gongkai/decisions';
import { RpcHandler, type RpcRequest } from '@gongkai/messaging';
import { SearchPublicationsUseCase } from './search-publications.use-case';

@Controller()
export class SearchPublicationsHandler {
  constructor(private readonly searchPublications: SearchPublicationsUseCase) {}

  @DecidesPermission()
  @RpcHandler(CatalogueRpc.searchPublications)
  search({ meta, body }: RpcRequest<typeof CatalogueRpc.searchPublications>): Promise<Page<Publication>> {
    return this.searchPublications.execute(body, meta);
  }
}
