import { Controller } from '@nestjs/common';
import { CatalogueRpc, type Page, type Publication } from '@gongkai/contracts';
import { RpcHandler, type RpcRequest } from '@gongkai/messaging';
import { SearchPublicationsUseCase } from './search-publications.use-case';

@Controller()
export class SearchPublicationsHandler {
  constructor(private readonly searchPublications: SearchPublicationsUseCase) {}

  @RpcHandler(CatalogueRpc.searchPublications)
  search({ body }: RpcRequest<typeof CatalogueRpc.searchPublications>): Promise<Page<Publication>> {
    return this.searchPublications.execute(body);
  }
}
