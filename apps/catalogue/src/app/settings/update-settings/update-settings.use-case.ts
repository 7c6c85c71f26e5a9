import { Injectable } from '@nestjs/common';
import {
  SettingsChangedV1,
  type CatalogueSettings,
  type RequestMeta,
  type UpdateSettings,
} from '@gongkai/contracts';
import { emitEvent } from '@gongkai/messaging';
import { UnitOfWork } from '@gongkai/service-kit';
import type { CatalogueTx } from '../../prisma.service';
import { requestContext } from '../../shared/event-context';
import { SETTINGS_AGGREGATE_ID, SettingsRepository } from '../settings.repository';

/**
 * The default time limit is configurable because a revision of the rules is pending; items with
 * their own limit keep it. Deadlines already recorded on publications are not recomputed. Each
 * change (with its reason) is announced as evt.catalogue.settings.changed.
 */
@Injectable()
export class UpdateSettingsUseCase {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly settingsRepository: SettingsRepository,
  ) {}

  execute(body: UpdateSettings, meta: RequestMeta): Promise<CatalogueSettings> {
    return this.unitOfWork.run(async (tx: CatalogueTx) => {
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
        requestContext(meta, new Date(updated.updatedAt)),
      );
      return updated;
    });
  }
}
