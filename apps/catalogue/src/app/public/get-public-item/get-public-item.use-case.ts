import { Injectable } from '@nestjs/common';
import { CatalogueErrorReasons, DomainError, type ItemRef, type PublicItemDetail } from '@gongkai/contracts';
import { ItemsRepository } from '../../items/items.repository';
import { PrismaService } from '../../prisma.service';
import { PublicationsRepository } from '../../publications/publications.repository';
import { isPublic, toPublicItem } from '../public-views';

/** One item of the public catalogue with its current version's body. */
@Injectable()
export class GetPublicItemUseCase {
  constructor(
    private readonly prisma: PrismaService,
    private readonly itemsRepository: ItemsRepository,
    private readonly publicationsRepository: PublicationsRepository,
  ) {}

  async execute(query: ItemRef): Promise<PublicItemDetail> {
    const item = await this.itemsRepository.findById(this.prisma, query.itemId);
    // A campus-only item answers exactly like a missing one, so its existence does not leak.
    if (!item || !isPublic(item)) {
      throw DomainError.because(
        CatalogueErrorReasons.PUBLIC_ITEM_NOT_FOUND,
        `No public catalogue item ${query.itemId}`,
        { itemId: query.itemId },
      );
    }
    const current = (await this.publicationsRepository.current(this.prisma, item.id)) ?? undefined;
    const view = toPublicItem(item, current);
    return { ...view, current: view.current && current ? { ...view.current, body: current.body } : null };
  }
}
