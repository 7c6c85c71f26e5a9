import { Controller } from '@nestjs/common';
import { CatalogueRpc, SettingsChangedV1, type CatalogueSettings } from '@gongkai/contracts';
import { RpcHandler, emitEvent, type RpcRequest } from '@gongkai/messaging';
import { UnitOfWork } from '@gongkai/service-kit';
import type { CatalogueTx } from '../../prisma.service';
import { SETTINGS_AGGREGATE_ID, SettingsRepository } from '../settings.repository';

/**
 * The default time limit is configurable because a revision of the rules is pending; items with
 * their own limit keep it. Deadlines already recorded on publications are not recomputed. Each
 * change (with its reason) is announced as evt.catalogue.settings.changed.
 */
@Controller()
export class UpdateSettingsHandler {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly settingsRepository: SettingsRepository,
  ) {}

  @RpcHandler(CatalogueRpc.updateSettings)
  async update(call: RpcRequest<typeof CatalogueRpc.updateSettings>): Promise<CatalogueSettings> {
    const { meta, body } = call;
    const settings = await this.unitOfWork.run(async (tx: CatalogueTx) => {
      const previousDefaultTimeLimitDays = await this.settingsRepository.lockDefaultTimeLimitDays(tx);
      const updated = await this.settingsRepository.update(tx, { ...body, actor: meta.actor });
      await emitEvent(
        tx,
        SettingsChangedV1,
        {
          settingsId: SETTINGS_AGGREGATE_ID,
          defaultTimeLimitDays: updated.defaultTimeLimitDays,
          previousDefaultTimeLimitDays,
          reason: body.reason,
        },
        {
          source: 'catalogue',
          actor: meta.actor,
          correlationId: meta.correlationId,
          occurredAt: new Date(updated.updatedAt),
        },
      );
      return updated;
    });
    return settings;
  }
}
