import { Controller } from '@nestjs/common';
import { CatalogueRpc, ItemChangeRecordedV1, type CatalogueItem } from '@gongkai/contracts';
import { DecidesPermission } from '@gongkai/decisions';
import { RpcHandler, emitEvent, type RpcRequest } from '@gongkai/messaging';
import { UnitOfWork } from '@gongkai/service-kit';
import { ItemAccess } from '../../access/item-access';
import { dueAfterChange } from '../../freshness/freshness';
import type { CatalogueTx } from '../../prisma.service';
import { ResponsibilitiesRepository } from '../../responsibilities/responsibilities.repository';
import { SettingsRepository } from '../../settings/settings.repository';
import { CatalogueErrors } from '../../shared/catalogue.errors';
import { businessTime, todayInShanghai } from '../../shared/time';
import { ItemViews } from '../item-views';
import { ItemsRepository } from '../items.repository';

/**
 * The information behind an item changed (e.g. a new admissions plan was adopted): its time limit
 * starts, and the item is due `timeLimitDays` working days later until a version is published.
 * Announced as evt.catalogue.item.change-recorded, dated at the change.
 */
@Controller()
export class RecordChangeHandler {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly itemAccess: ItemAccess,
    private readonly itemsRepository: ItemsRepository,
    private readonly responsibilitiesRepository: ResponsibilitiesRepository,
    private readonly settingsRepository: SettingsRepository,
    private readonly itemViews: ItemViews,
  ) {}

  @DecidesPermission()
  @RpcHandler(CatalogueRpc.recordChange)
  async record(call: RpcRequest<typeof CatalogueRpc.recordChange>): Promise<CatalogueItem> {
    const { meta, body } = call;
    await this.itemAccess.assertMay(meta, 'catalogue.item.update', body.itemId);
    const changedAt = businessTime(body.changedAt, 'changedAt');
    const view = await this.unitOfWork.run(async (tx: CatalogueTx) => {
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
        { source: 'catalogue', actor: meta.actor, correlationId: meta.correlationId, occurredAt: changedAt },
      );
      return this.itemViews.one(tx, item);
    });
    return view;
  }
}
