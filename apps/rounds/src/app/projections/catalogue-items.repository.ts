import { Injectable } from '@nestjs/common';
import type { CalendarDate } from '@gongkai/calendar';
import type { CatalogueItemProjection as ItemRow } from '../../generated/prisma/client';
import type { RoundsTx } from '../prisma.service';
import { toCalendarDate } from '../shared/time';

/** A catalogue item as rounds knows it from the catalogue's events. */
export interface ProjectedItem {
  id: string;
  code: string | null;
  title: string | null;
  categoryCode: string | null;
  status: string | null;
  itemVersion: number;
  leadDepartmentId: string | null;
  coDepartmentIds: string[];
  responsibilityRevisionNo: number | null;
  responsibilityDate: CalendarDate | null;
  responsibilityVersion: number;
  currentPublicationId: string | null;
  currentVersion: number | null;
}

function toProjected(row: ItemRow): ProjectedItem {
  return {
    id: row.id,
    code: row.code,
    title: row.title,
    categoryCode: row.categoryCode,
    status: row.status,
    itemVersion: row.itemVersion,
    leadDepartmentId: row.leadDepartmentId,
    coDepartmentIds: row.coDepartmentIds,
    responsibilityRevisionNo: row.responsibilityRevisionNo,
    responsibilityDate: row.responsibilityDate ? toCalendarDate(row.responsibilityDate) : null,
    responsibilityVersion: row.responsibilityVersion,
    currentPublicationId: row.currentPublicationId,
    currentVersion: row.currentVersion,
  };
}

/**
 * The only code that touches `catalogue_item_projection`. Each part of a row (the item, its
 * responsibility, its current version) is written only by a newer version of its own aggregate,
 * so an event delivered twice, or late, changes nothing.
 */
@Injectable()
export class CatalogueItemsRepository {
  async findAll(db: RoundsTx): Promise<ProjectedItem[]> {
    const rows = await db.catalogueItemProjection.findMany({ orderBy: [{ code: 'asc' }, { id: 'asc' }] });
    return rows.map(toProjected);
  }

  async findById(db: RoundsTx, id: string): Promise<ProjectedItem | null> {
    const row = await db.catalogueItemProjection.findUnique({ where: { id } });
    return row ? toProjected(row) : null;
  }

  /** The item's own fields at `version`; false when the row already has that version or a later one. */
  async applyItem(
    tx: RoundsTx,
    item: { id: string; code: string; title: string; categoryCode: string; status: string; version: number },
  ): Promise<boolean> {
    const changed = await tx.$executeRawUnsafe(
      `INSERT INTO "catalogue_item_projection" ("id", "code", "title", "category_code", "status", "item_version", "co_department_ids", "updated_at")
       VALUES ($1::uuid, $2, $3, $4, $5, $6, '{}', now())
       ON CONFLICT ("id") DO UPDATE SET "code" = EXCLUDED."code", "title" = EXCLUDED."title",
         "category_code" = EXCLUDED."category_code", "status" = EXCLUDED."status",
         "item_version" = EXCLUDED."item_version", "updated_at" = now()
       WHERE "catalogue_item_projection"."item_version" < EXCLUDED."item_version"`,
      item.id,
      item.code,
      item.title,
      item.categoryCode,
      item.status,
      item.version,
    );
    return changed > 0;
  }

  /**
   * A responsibility revision. It becomes the item's responsibility when it is the one in force:
   * a later effective date, or the same date and a later revision (as the catalogue decides).
   * Returns the row when it changed, else null.
   */
  async applyResponsibility(
    tx: RoundsTx,
    revision: {
      itemId: string;
      leadDepartmentId: string;
      coDepartmentIds: string[];
      revisionNo: number;
      effectiveDate: CalendarDate;
      version: number;
    },
  ): Promise<ProjectedItem | null> {
    const changed = await tx.$executeRawUnsafe(
      `INSERT INTO "catalogue_item_projection" ("id", "lead_department_id", "co_department_ids", "responsibility_revision_no",
         "responsibility_date", "responsibility_version", "updated_at")
       VALUES ($1::uuid, $2::uuid, $3::uuid[], $4, $5::date, $6, now())
       ON CONFLICT ("id") DO UPDATE SET "lead_department_id" = EXCLUDED."lead_department_id",
         "co_department_ids" = EXCLUDED."co_department_ids", "responsibility_revision_no" = EXCLUDED."responsibility_revision_no",
         "responsibility_date" = EXCLUDED."responsibility_date", "responsibility_version" = EXCLUDED."responsibility_version",
         "updated_at" = now()
       WHERE "catalogue_item_projection"."responsibility_version" < EXCLUDED."responsibility_version"
         AND ("catalogue_item_projection"."responsibility_date" IS NULL
              OR ("catalogue_item_projection"."responsibility_date", "catalogue_item_projection"."responsibility_revision_no")
                 <= (EXCLUDED."responsibility_date", EXCLUDED."responsibility_revision_no"))`,
      revision.itemId,
      revision.leadDepartmentId,
      revision.coDepartmentIds,
      revision.revisionNo,
      revision.effectiveDate,
      revision.version,
    );
    return changed > 0 ? this.findById(tx, revision.itemId) : null;
  }

  /** The item's current published version, when `version` is newer than the one known. */
  async applyPublished(
    tx: RoundsTx,
    publication: { itemId: string; publicationId: string; version: number },
  ): Promise<void> {
    await tx.$executeRawUnsafe(
      `INSERT INTO "catalogue_item_projection" ("id", "co_department_ids", "current_publication_id", "current_version", "updated_at")
       VALUES ($1::uuid, '{}', $2::uuid, $3, now())
       ON CONFLICT ("id") DO UPDATE SET "current_publication_id" = EXCLUDED."current_publication_id",
         "current_version" = EXCLUDED."current_version", "updated_at" = now()
       WHERE "catalogue_item_projection"."current_version" IS NULL
          OR "catalogue_item_projection"."current_version" < EXCLUDED."current_version"`,
      publication.itemId,
      publication.publicationId,
      publication.version,
    );
  }

  /** The current version was withdrawn: the item has no current version until the next one. */
  async applyWithdrawn(tx: RoundsTx, publication: { itemId: string; publicationId: string }): Promise<void> {
    await tx.catalogueItemProjection.updateMany({
      where: { id: publication.itemId, currentPublicationId: publication.publicationId },
      data: { currentPublicationId: null, updatedAt: new Date() },
    });
  }
}
