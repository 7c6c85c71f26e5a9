import { Injectable } from '@nestjs/common';
import {
  ItemChangeRecordedV1,
  type CatalogueItem,
  type RecordChange,
  type RequestMeta,
} from '@gongkai/contracts';
import { emitEvent } from '@gongkai/messaging';
import { Clock, UnitOfWork, businessTimeOf } from '@gongkai/service-kit';
import { ItemAccess } from '../../access/item-access';
import { dueAfterChange } from '../../freshness/freshness';
import type { CatalogueTx } from '../../prisma.service';
import { ResponsibilitiesRepository } from '../../responsibilities/responsibilities.repository';
import { SettingsRepository } from '../../settings/settings.repository';
import { CatalogueErrors } from '../../shared/catalogue.errors';
import { requestContext } from '../../shared/event-context';
import { todayInShanghai } from '../../shared/time';
import { ItemViews } from '../item-views';
import { ItemsRepository } from '../items.repository';

/**
 * The information behind an item changed (e.g. a new admissions plan was adopted): its time limit
 * starts, and the item is due `timeLimitDays` working days later until a version is published.
 * Announced as evt.catalogue.item.change-recorded, dated at the change.
 */
@Injectable()
export class RecordChangeUseCase {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly clock: Clock,
    private readonly itemAccess: ItemAccess,
    private readonly itemsRepository: ItemsRepository,
    private readonly responsibilitiesRepository: ResponsibilitiesRepository,
    private readonly settingsRepository: SettingsRepository,
    private readonly itemViews: ItemViews,
  ) {}

  async execute(body: RecordChange, meta: RequestMeta): Promise<CatalogueItem> {
    await this.itemAccess.assertMay(meta, 'catalogue.item.update', body.itemId);
    const changedAt = businessTimeOf(body.changedAt, this.clock.now(), { field: 'changedAt' });
    return this.unitOfWork.run(async (tx: CatalogueTx) => {
      const locked = await this.itemsRepository.lock(tx, body.itemId);
      if (!locked) throw CatalogueErrors.itemNotFound(body.itemId);
      await this.itemsRepository.recordChange(tx, locked.id, changedAt);
      const item = (await this.itemsRepository.findById(tx, locked.id))!;
      // recordChange keeps an earlier unpublished change, so the clock may still run from that one.
      const pendingChangeAt = item.pendingChangeAt ?? changedAt;
      const timeLimitDays =
        item.timeLimitDays ?? (await this.settingsRepository.get(tx)).defaultTimeLimitDays;
      await emitEvent(
        tx,
        ItemChangeRecordedV1,
        {
          itemId: item.id,
          itemCode: item.code,
          leadDepartmentId: await this.responsibilitiesRepository.leadDepartmentOn(
            tx,
            item.id,
            todayInShanghai(changedAt),
          ),
          changedAt: changedAt.toISOString(),
          note: body.note ?? null,
          pendingChangeAt: pendingChangeAt.toISOString(),
          timeLimitDays,
          dueAt: dueAfterChange(pendingChangeAt, timeLimitDays).toISOString(),
        },
        requestContext(meta, changedAt),
      );
      return this.itemViews.one(tx, item, this.clock.now());
    });
  }
}
