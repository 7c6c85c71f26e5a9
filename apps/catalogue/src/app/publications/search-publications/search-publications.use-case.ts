import { Injectable } from '@nestjs/common';
import type { Page, Publication, SearchPublicationsQuery } from '@gongkai/contracts';
import { Clock } from '@gongkai/service-kit';
import { PrismaService } from '../../prisma.service';
import { ResponsibilitiesRepository } from '../../responsibilities/responsibilities.repository';
import { todayInShanghai } from '../../shared/time';
import { PublicationsRepository, toPublication } from '../publications.repository';

/**
 * Publications of every item by keyword, category, responsible department, channel, state; newest
 * first. A department finds the items it is responsible for today, as lead or co-operating department.
 */
@Injectable()
export class SearchPublicationsUseCase {
  constructor(
    private readonly prisma: PrismaService,
    private readonly clock: Clock,
    private readonly publicationsRepository: PublicationsRepository,
    private readonly responsibilitiesRepository: ResponsibilitiesRepository,
  ) {}

  async execute(query: SearchPublicationsQuery): Promise<Page<Publication>> {
    const { departmentId, ...search } = query;
    let itemIds: string[] | undefined;
    if (departmentId) {
      const responsible = await this.responsibilitiesRepository.asOf(
        this.prisma,
        null,
        todayInShanghai(this.clock.now()),
      );
      itemIds = [...responsible.values()]
        .filter(
          (revision) =>
            revision.leadDepartmentId === departmentId || revision.coDepartmentIds.includes(departmentId),
        )
        .map((revision) => revision.itemId);
    }
    const page = await this.publicationsRepository.search(this.prisma, { ...search, itemIds });
    return { items: page.items.map(toPublication), nextCursor: page.nextCursor };
  }
}
