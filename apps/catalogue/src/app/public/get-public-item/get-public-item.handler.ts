import { Controller } from '@nestjs/common';
import { CatalogueRpc, DomainError, ErrorCode, type PublicItemDetail } from '@gongkai/contracts';
import { RpcHandler, type RpcRequest } from '@gongkai/messaging';
import { ItemsRepository } from '../../items/items.repository';
import { PrismaService } from '../../prisma.service';
import { PublicationsRepository } from '../../publications/publications.repository';
import { isPublic, toPublicItem } from '../public-views';

@Controller()
export class GetPublicItemHandler {
  constructor(
    private readonly prisma: PrismaService,
    private readonly itemsRepository: ItemsRepository,
    private readonly publicationsRepository: PublicationsRepository,
  ) {}

  @RpcHandler(CatalogueRpc.publicItem)
  async get(call: RpcRequest<typeof CatalogueRpc.publicItem>): Promise<PublicItemDetail> {
    const { body } = call;
    const item = await this.itemsRepository.findById(this.prisma, body.itemId);
    // A campus-only item answers exactly like a missing one, so its existence does not leak.
    if (!item || !isPublic(item)) {
      throw new DomainError(ErrorCode.NOT_FOUND, `No public catalogue item ${body.itemId}`, {
        itemId: body.itemId,
      });
    }
    const current = (await this.publicationsRepository.current(this.prisma, item.id)) ?? undefined;
    const view = toPublicItem(item, current);
    return { ...view, current: view.current && current ? { ...view.current, body: current.body } : null };
  }
}
