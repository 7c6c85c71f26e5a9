import { Controller } from '@nestjs/common';
import { CatalogueRpc, type Page, type Publication } from '@gongkai/contracts';
import { RpcHandler, type RpcRequest } from '@gongkai/messaging';
import { ItemsRepository } from '../../items/items.repository';
import { PrismaService } from '../../prisma.service';
import { CatalogueErrors } from '../../shared/catalogue.errors';
import { PublicationsRepository, toPublication } from '../publications.repository';

/** An item's publications, newest first. */
@Controller()
export class ListPublicationsHandler {
  constructor(
    private readonly prisma: PrismaService,
    private readonly itemsRepository: ItemsRepository,
    private readonly publicationsRepository: PublicationsRepository,
  ) {}

  @RpcHandler(CatalogueRpc.listPublications)
  async list(call: RpcRequest<typeof CatalogueRpc.listPublications>): Promise<Page<Publication>> {
    const { body } = call;
    if (!(await this.itemsRepository.findById(this.prisma, body.itemId))) {
      throw CatalogueErrors.itemNotFound(body.itemId);
    }
    const page = await this.publicationsRepository.listForItem(this.prisma, body);
    return { items: page.items.map(toPublication), nextCursor: page.nextCursor };
  }
}
