import { Injectable } from '@nestjs/common';
import type { CatalogueItem, ListItemsQuery, Page } from '@gongkai/contracts';
import { Clock } from '@gongkai/service-kit';
import { PrismaService } from '../../prisma.service';
import { ResponsibilitiesRepository } from '../../responsibilities/responsibilities.repository';
import { todayInShanghai } from '../../shared/time';
import { ItemViews, toItemView } from '../item-views';
import { ItemsRepository } from '../items.repository';

/**
 * Items by code, a page at a time (the cursor is the last code seen), paged in the database: only
 * the page's items get their context (responsibility, current version, last confirmation). The
 * department filter (responsible today, as lead or co-operating department) is the set of items
 * the department's revisions in force name, picked in SQL first.
 */
@Injectable()
export class ListItemsUseCase {
  constructor(
    private readonly prisma: PrismaService,
    private readonly clock: Clock,
    private readonly itemsRepository: ItemsRepository,
    private readonly itemViews: ItemViews,
    private readonly responsibilitiesRepository: ResponsibilitiesRepository,
  ) {}

  async execute(query: ListItemsQuery): Promise<Page<CatalogueItem>> {
    const now = this.clock.now();
    const { departmentId, cursor, limit, ...filters } = query;
    const ids = departmentId
      ? await this.responsibilitiesRepository.itemIdsResponsibleFor(
          this.prisma,
          departmentId,
          todayInShanghai(now),
        )
      : undefined;
    const found = await this.itemsRepository.find(this.prisma, {
      ...filters,
      ...(ids ? { ids } : {}),
      afterCode: cursor,
      take: limit + 1,
    });
    const page = found.slice(0, limit);
    const contexts = await this.itemViews.contexts(this.prisma, page, now);
    return {
      items: page.map((item) => toItemView(item, contexts.get(item.id)!, now)),
      nextCursor: found.length > limit ? (page[page.length - 1]?.code ?? null) : null,
    };
  }
}
