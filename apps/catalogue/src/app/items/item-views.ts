import { Injectable } from '@nestjs/common';
import type { CatalogueItem, ResponsibilityRevision } from '@gongkai/contracts';
import { computeFreshness } from '../freshness/freshness';
import type { CatalogueTx } from '../prisma.service';
import { PublicationsRepository, type PublicationHead } from '../publications/publications.repository';
import { ResponsibilitiesRepository } from '../responsibilities/responsibilities.repository';
import { SettingsRepository } from '../settings/settings.repository';
import { todayInShanghai } from '../shared/time';
import type { ItemRecord } from './items.repository';

export interface ItemContext {
  responsible: ResponsibilityRevision | null;
  current: PublicationHead | null;
  lastConfirmedAt: Date | null;
  defaultTimeLimitDays: number;
}

/**
 * Assembles item views: the item with who is responsible today, its current version and its
 * freshness. Loads what it needs for a whole list in a few queries.
 */
@Injectable()
export class ItemViews {
  constructor(
    private readonly responsibilitiesRepository: ResponsibilitiesRepository,
    private readonly publicationsRepository: PublicationsRepository,
    private readonly settingsRepository: SettingsRepository,
  ) {}

  async contexts(
    db: CatalogueTx,
    items: readonly ItemRecord[],
    now = new Date(),
  ): Promise<Map<string, ItemContext>> {
    const ids = items.map((item) => item.id);
    const [responsible, current, confirmed, settings] = await Promise.all([
      this.responsibilitiesRepository.asOf(db, ids, todayInShanghai(now)),
      this.publicationsRepository.currentHeadsFor(db, ids),
      this.publicationsRepository.lastConfirmedFor(db, ids),
      this.settingsRepository.get(db),
    ]);
    return new Map(
      ids.map((id) => [
        id,
        {
          responsible: responsible.get(id) ?? null,
          current: current.get(id) ?? null,
          lastConfirmedAt: confirmed.get(id) ?? null,
          defaultTimeLimitDays: settings.defaultTimeLimitDays,
        },
      ]),
    );
  }

  async build(db: CatalogueTx, items: readonly ItemRecord[], now = new Date()): Promise<CatalogueItem[]> {
    const contexts = await this.contexts(db, items, now);
    return items.map((item) => toItemView(item, contexts.get(item.id) as ItemContext, now));
  }

  async one(db: CatalogueTx, item: ItemRecord, now = new Date()): Promise<CatalogueItem> {
    const [view] = await this.build(db, [item], now);
    return view as CatalogueItem;
  }
}

export function toItemView(item: ItemRecord, context: ItemContext, now: Date): CatalogueItem {
  const timeLimitDays = item.timeLimitDays ?? context.defaultTimeLimitDays;
  const current = context.current;
  return {
    id: item.id,
    code: item.code,
    moeItemNo: item.moeItemNo,
    title: item.title,
    categoryCode: item.categoryCode,
    description: item.description,
    legalBasis: item.legalBasis,
    scope: item.scope,
    cycle: item.cycle,
    timeLimitDays,
    ownTimeLimitDays: item.timeLimitDays,
    channels: item.channels,
    columnUrl: item.columnUrl,
    status: item.status,
    origin: item.origin,
    uncertain: item.uncertain,
    uncertaintyNote: item.uncertaintyNote,
    leadDepartmentId: context.responsible?.leadDepartmentId ?? null,
    coDepartmentIds: context.responsible?.coDepartmentIds ?? [],
    currentVersion:
      current && current.version !== null && current.publishedAt
        ? {
            publicationId: current.id,
            version: current.version,
            title: current.title,
            publishedAt: current.publishedAt.toISOString(),
            publishedOnTime: current.publishedOnTime,
          }
        : null,
    freshness: computeFreshness(
      {
        status: item.status,
        cycle: item.cycle,
        timeLimitDays,
        activeSince: item.createdAt,
        lastPublishedAt: current?.publishedAt ?? null,
        lastConfirmedAt: context.lastConfirmedAt,
        pendingChangeAt: item.pendingChangeAt,
      },
      now,
    ),
    createdAt: item.createdAt.toISOString(),
    updatedAt: item.updatedAt.toISOString(),
  };
}

/** Whether a department is responsible (lead or co-operating) for the item today. */
export function isResponsible(
  context: Pick<ItemContext, 'responsible'> | undefined,
  departmentId: string,
): boolean {
  const responsible = context?.responsible;
  return (
    responsible !== null &&
    responsible !== undefined &&
    (responsible.leadDepartmentId === departmentId || responsible.coDepartmentIds.includes(departmentId))
  );
}
