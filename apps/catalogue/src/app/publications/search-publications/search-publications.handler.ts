import { Controller } from '@nestjs/common';
import { CatalogueRpc, type Page, type Publication } from '@gongkai/contracts';
import { RpcHandler, type RpcRequest } from '@gongkai/messaging';
import { PrismaService } from '../../prisma.service';
import { ResponsibilitiesRepository } from '../../responsibilities/responsibilities.repository';
import { todayInShanghai } from '../../shared/time';
import { PublicationsRepository, toPublication } from '../publications.repository';

/** Publications of every item by keyword, category, responsible department, channel, state; newest first. */
@Controller()
export class SearchPublicationsHandler {
  constructor(
    private readonly prisma: PrismaService,
    private readonly publicationsRepository: PublicationsRepository,
    private readonly responsibilitiesRepository: ResponsibilitiesRepository,
  ) {}

  @RpcHandler(CatalogueRpc.searchPublications)
  async search(call: RpcRequest<typeof CatalogueRpc.searchPublications>): Promise<Page<Publication>> {
    const { body } = call;
    const { departmentId, ...query } = body;
    let itemIds: string[] | undefined;
    if (departmentId) {
      const responsible = await this.responsibilitiesRepository.asOf(this.prisma, null, todayInShanghai());
      itemIds = [...responsible.values()]
        .filter(
          (revision) =>
            revision.leadDepartmentId === departmentId || revision.coDepartmentIds.includes(departmentId),
        )
        .map((revision) => revision.itemId);
    }
    const page = await this.publicationsRepository.search(this.prisma, { ...query, itemIds });
    return { items: page.items.map(toPublication), nextCursor: page.nextCursor };
  }
}
