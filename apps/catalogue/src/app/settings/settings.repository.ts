import { Injectable } from '@nestjs/common';
import type { Actor, CatalogueSettings } from '@gongkai/contracts';
import type { CatalogueTx } from '../prisma.service';

const SETTINGS_ID = 1;

/** The settings are one aggregate (evt.catalogue.settings.*), keyed by their row's id. */
export const SETTINGS_AGGREGATE_ID = String(SETTINGS_ID);

/** 教办函〔2014〕23号: publish within 20 working days of the information being formed or changed. */
export const RULEBOOK_TIME_LIMIT_DAYS = 20;

/** The only place that touches catalogue_settings (one row). */
@Injectable()
export class SettingsRepository {
  /** Creates the row on first start (true) and never overwrites a value the office has set (false). */
  async ensure(tx: CatalogueTx, defaultTimeLimitDays: number): Promise<boolean> {
    const created = await tx.catalogueSettings.createMany({
      data: [{ id: SETTINGS_ID, defaultTimeLimitDays }],
      skipDuplicates: true,
    });
    return created.count > 0;
  }

  /** The stored default time limit, locked until the transaction ends (null: no row yet). */
  async lockDefaultTimeLimitDays(tx: CatalogueTx): Promise<number | null> {
    const rows = await tx.$queryRaw<{ days: number }[]>`
      SELECT "default_time_limit_days" AS days FROM "catalogue_settings" WHERE "id" = ${SETTINGS_ID} FOR UPDATE`;
    return rows[0]?.days ?? null;
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
