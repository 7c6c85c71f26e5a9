import { Injectable } from '@nestjs/common';
import type { Actor, CatalogueSettings } from '@gongkai/contracts';
import type { CatalogueTx } from '../prisma.service';

const SETTINGS_ID = 1;

/** 教办函〔2014〕23号: publish within 20 working days of the information being formed or changed. */
export const RULEBOOK_TIME_LIMIT_DAYS = 20;

/** The only place that touches catalogue_settings (one row). */
@Injectable()
export class SettingsRepository {
  /** Creates the row on first start; never overwrites a value the office has set. */
  async ensure(tx: CatalogueTx, defaultTimeLimitDays: number): Promise<void> {
    await tx.catalogueSettings.createMany({
      data: [{ id: SETTINGS_ID, defaultTimeLimitDays }],
      skipDuplicates: true,
    });
  }

  async get(db: CatalogueTx): Promise<CatalogueSettings> {
    const row = await db.catalogueSettings.findUnique({ where: { id: SETTINGS_ID } });
    return row
      ? { defaultTimeLimitDays: row.defaultTimeLimitDays, updatedAt: row.updatedAt.toISOString() }
      : { defaultTimeLimitDays: RULEBOOK_TIME_LIMIT_DAYS, updatedAt: new Date(0).toISOString() };
  }

  async update(
    tx: CatalogueTx,
    input: { defaultTimeLimitDays: number; reason: string; actor: Actor },
  ): Promise<CatalogueSettings> {
    const row = await tx.catalogueSettings.upsert({
      where: { id: SETTINGS_ID },
      create: {
        id: SETTINGS_ID,
        defaultTimeLimitDays: input.defaultTimeLimitDays,
        reason: input.reason,
        updatedBy: input.actor,
      },
      update: {
        defaultTimeLimitDays: input.defaultTimeLimitDays,
        reason: input.reason,
        updatedBy: input.actor,
        updatedAt: new Date(),
      },
    });
    return { defaultTimeLimitDays: row.defaultTimeLimitDays, updatedAt: row.updatedAt.toISOString() };
  }
}
