import { Controller } from '@nestjs/common';
import { CatalogueRpc, type Page, type Publication } from '@gongkai/contracts';
import { DecidesPermission } from '@gongkai/decisions';
import { fitPageToBytes, RpcHandler, type RpcRequest } from '@gongkai/messaging';
import { PublicationReaders } from '../../access/publication-readers';
import { ItemsRepository } from '../../items/items.repository';
import { PrismaService } from '../../prisma.service';
import { CatalogueErrors } from '../../shared/catalogue.errors';
import { PUBLISHED_STATES, publishedView } from '../publication-views';
import { PublicationsRepository, toPublication } from '../publications.repository';

/**
 * An item's publications, newest first: all of them for those who work on it, else the published
 * ones; a page of long bodies is cut to what one bus message carries (continue from `nextCursor`).
 */
@Controller()
export class ListPublicationsHandler {
  constructor(
    private readonly prisma: PrismaService,
    private readonly itemsRepository: ItemsRepository,
    private readonly publicationsRepository: PublicationsRepository,
    private readonly publicationReaders: PublicationReaders,
  ) {}

  @DecidesPermission()
  @RpcHandler(CatalogueRpc.listPublications)
  async list({ meta, body }: RpcRequest<typeof CatalogueRpc.listPublications>): Promise<Page<Publication>> {
    if (!(await this.itemsRepository.findById(this.prisma, body.itemId))) {
      throw CatalogueErrors.itemNotFound(body.itemId);
    }
    const seesWork = await this.publicationReaders.seesWorkOf(meta, body.itemId);
    const page = await this.publicationsRepository.listForItem(this.prisma, {
      ...body,
      ...(seesWork ? {} : { visibleStates: PUBLISHED_STATES }),
    });
    const items = page.items.map(toPublication);
    return fitPageToBytes(
      { items: seesWork ? items : items.map(publishedView), nextCursor: page.nextCursor },
      (publication) => publication.id,
    );
  }
}
