import { Injectable } from '@nestjs/common';
import type { CatalogueItem, ListItemsQuery, Page } from '@gongkai/contracts';
import { Clock } from '@gongkai/service-kit';
import { PrismaService } from '../../prisma.service';
import { ItemViews, isResponsible, toItemView } from '../item-views';
import { ItemsRepository } from '../items.repository';

/**
 * Items by code, a page at a time (the cursor is the last code seen). The catalogue is small
 * (50–500 items), so the department filter, which depends on each item's responsibility today,
 * is applied in memory after the database filters.
 */
@Injectable()
export class ListItemsUseCase {
  constructor(
    private readonly prisma: PrismaService,
    private readonly clock: Clock,
    private readonly itemsRepository: ItemsRepository,
    private readonly itemViews: ItemViews,
  ) {}

  async execute(query: ListItemsQuery): Promise<Page<CatalogueItem>> {
    const now = this.clock.now();
    const items = await this.itemsRepository.find(this.prisma, query);
    const contexts = await this.itemViews.contexts(this.prisma, items, now);
    const departmentId = query.departmentId;
    const page = pageByCode(
      departmentId ? items.filter((item) => isResponsible(contexts.get(item.id), departmentId)) : items,
      query,
    );
    return {
      items: page.items.map((item) => toItemView(item, contexts.get(item.id)!, now)),
      nextCursor: page.nextCursor,
    };
  }
}

/** The page after `cursor` (a code) of items sorted by code; the next cursor only when more follow. */
export function pageByCode<T extends { code: string }>(
  items: readonly T[],
  query: { cursor?: string; limit: number },
): Page<T> {
  const after = query.cursor ? items.filter((item) => item.code > query.cursor!) : items;
  const pageItems = after.slice(0, query.limit);
  return {
    items: pageItems,
    nextCursor: after.length > query.limit ? (pageItems[pageItems.length - 1]?.code ?? null) : null,
  };
}
