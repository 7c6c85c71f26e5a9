import { z } from 'zod';
import { defineEvent } from '../common/event-definition';
import { CATALOGUE_SCOPES, CHANNELS, ITEM_ORIGINS, ITEM_STATUSES, IsoTimestampSchema } from './common';
import { CycleSchema } from './items';
import { PUBLICATION_SOURCES } from './publications';
import { REVISION_TRIGGERS } from './responsibilities';

/** An item as catalogue events carry it (projections upsert this). */
const ItemStateSchema = z.object({
  itemId: z.uuid(),
  code: z.string(),
  moeItemNo: z.string().nullable(),
  title: z.string(),
  categoryCode: z.string(),
  scope: z.enum(CATALOGUE_SCOPES),
  cycle: CycleSchema,
  /** The item's own limit; null = the catalogue default at the time. */
  ownTimeLimitDays: z.number().int().nullable(),
  channels: z.array(z.enum(CHANNELS)),
  status: z.enum(ITEM_STATUSES),
  origin: z.enum(ITEM_ORIGINS),
  uncertain: z.boolean(),
});

/** A catalogue item was added (by hand, or loaded from the Ministry list on first start). */
export const CatalogueItemCreatedV1 = defineEvent({
  service: 'catalogue',
  aggregate: 'item',
  event: 'created',
  version: 1,
  aggregateId: (payload) => payload.itemId,
  payload: ItemStateSchema,
});

export const CatalogueItemUpdatedV1 = defineEvent({
  service: 'catalogue',
  aggregate: 'item',
  event: 'updated',
  version: 1,
  aggregateId: (payload) => payload.itemId,
  payload: ItemStateSchema.extend({ changedFields: z.array(z.string()) }),
});

/** 责任分工 revised: one event per revision (a reorganisation emits one per item it touched). */
export const ResponsibilityRevisedV1 = defineEvent({
  service: 'catalogue',
  aggregate: 'responsibility',
  event: 'revised',
  version: 1,
  aggregateId: (payload) => payload.itemId,
  payload: z.object({
    itemId: z.uuid(),
    itemCode: z.string(),
    revisionId: z.uuid(),
    revisionNo: z.number().int(),
    leadDepartmentId: z.uuid(),
    coDepartmentIds: z.array(z.uuid()),
    previousLeadDepartmentId: z.uuid().nullable(),
    previousCoDepartmentIds: z.array(z.uuid()),
    reason: z.string(),
    effectiveDate: z.iso.date(),
    trigger: z.enum(REVISION_TRIGGERS),
    reorganisationRef: z.string().nullable(),
  }),
});

/**
 * A new version of an item went out. Emitted once per version; for a round task, `taskId` says
 * which task is now done.
 */
export const PublicationPublishedV1 = defineEvent({
  service: 'catalogue',
  aggregate: 'publication',
  event: 'published',
  version: 1,
  aggregateId: (payload) => payload.publicationId,
  payload: z.object({
    itemId: z.uuid(),
    itemCode: z.string(),
    publicationId: z.uuid(),
    version: z.number().int(),
    title: z.string(),
    source: z.enum(PUBLICATION_SOURCES),
    taskId: z.uuid().nullable(),
    roundId: z.uuid().nullable(),
    scope: z.enum(CATALOGUE_SCOPES),
    channels: z.array(z.enum(CHANNELS)),
    publishedAt: IsoTimestampSchema,
    informationChangedAt: IsoTimestampSchema.nullable(),
    dueAt: IsoTimestampSchema.nullable(),
    publishedOnTime: z.boolean().nullable(),
    contentHash: z.string(),
    previousHash: z.string().nullable(),
    /** The version this one replaced, if any. */
    supersededPublicationId: z.uuid().nullable(),
  }),
});

export const PublicationWithdrawnV1 = defineEvent({
  service: 'catalogue',
  aggregate: 'publication',
  event: 'withdrawn',
  version: 1,
  aggregateId: (payload) => payload.publicationId,
  payload: z.object({
    itemId: z.uuid(),
    itemCode: z.string(),
    publicationId: z.uuid(),
    version: z.number().int(),
    reason: z.string(),
    withdrawnAt: IsoTimestampSchema,
  }),
});

/** An update-round task approved "no change": the item was checked and stays as published. */
export const ItemConfirmedV1 = defineEvent({
  service: 'catalogue',
  aggregate: 'item',
  event: 'confirmed',
  version: 1,
  aggregateId: (payload) => payload.itemId,
  payload: z.object({
    itemId: z.uuid(),
    itemCode: z.string(),
    confirmationId: z.uuid(),
    taskId: z.uuid(),
    roundId: z.uuid(),
    reason: z.string(),
    confirmedAt: IsoTimestampSchema,
  }),
});

/** Every event the catalogue service emits (stream CATALOGUE, `evt.catalogue.>`). */
export const CatalogueEvents = {
  itemCreated: CatalogueItemCreatedV1,
  itemUpdated: CatalogueItemUpdatedV1,
  itemConfirmed: ItemConfirmedV1,
  responsibilityRevised: ResponsibilityRevisedV1,
  publicationPublished: PublicationPublishedV1,
  publicationWithdrawn: PublicationWithdrawnV1,
} as const;
