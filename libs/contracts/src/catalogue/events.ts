import { z } from 'zod';
import { ChainCheckpointSchema } from '../common/chain-checkpoint';
import { defineEvent } from '../common/event-definition';
import { CATALOGUE_SCOPES, CHANNELS, ITEM_ORIGINS, ITEM_STATUSES, IsoTimestampSchema } from './common';
import { CycleSchema } from './items';
import { PUBLICATION_SOURCES, PUBLICATION_STATES } from './publications';
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
 * What every event of a publication's lifecycle carries (aggregate `publication`, keyed by the
 * publication id, so one publication's events count 1, 2, 3 … from its draft on). A consumer that
 * orders by version reads the whole kind, `evt.catalogue.publication.>`.
 */
const PublicationLifecycleSchema = z.object({
  publicationId: z.uuid(),
  itemId: z.uuid(),
  itemCode: z.string(),
  source: z.enum(PUBLICATION_SOURCES),
  /** The item's lead department on the event's business date (null: nobody is responsible yet). */
  leadDepartmentId: z.uuid().nullable(),
  /** The publication's state after the event. */
  state: z.enum(PUBLICATION_STATES),
});

/** An ad-hoc publication was drafted (a round task's version is created already cleared, and published). */
export const PublicationDraftedV1 = defineEvent({
  service: 'catalogue',
  aggregate: 'publication',
  event: 'drafted',
  version: 1,
  aggregateId: (payload) => payload.publicationId,
  payload: PublicationLifecycleSchema.extend({
    title: z.string(),
    channels: z.array(z.enum(CHANNELS)),
    informationChangedAt: IsoTimestampSchema.nullable(),
  }),
});

/** A draft was edited; `changedFields` names what changed (the content itself stays in the catalogue). */
export const PublicationEditedV1 = defineEvent({
  service: 'catalogue',
  aggregate: 'publication',
  event: 'edited',
  version: 1,
  aggregateId: (payload) => payload.publicationId,
  payload: PublicationLifecycleSchema.extend({
    changedFields: z.array(z.string()).min(1),
    title: z.string(),
    channels: z.array(z.enum(CHANNELS)),
    informationChangedAt: IsoTimestampSchema.nullable(),
  }),
});

/** A draft was submitted for review (state `in_review`). */
export const PublicationSubmittedV1 = defineEvent({
  service: 'catalogue',
  aggregate: 'publication',
  event: 'submitted',
  version: 1,
  aggregateId: (payload) => payload.publicationId,
  payload: PublicationLifecycleSchema.extend({ submittedAt: IsoTimestampSchema }),
});

/**
 * 保密审查 recorded: `cleared` makes the publication publishable (`secrecy_reviewed`), `returned`
 * sends it back to `draft`. Who reviewed is the envelope's actor; the named reviewer and the note
 * stay in the catalogue.
 */
export const PublicationSecrecyReviewedV1 = defineEvent({
  service: 'catalogue',
  aggregate: 'publication',
  event: 'secrecy-reviewed',
  version: 1,
  aggregateId: (payload) => payload.publicationId,
  payload: PublicationLifecycleSchema.extend({
    decision: z.enum(['cleared', 'returned']),
    reviewedAt: IsoTimestampSchema,
  }),
});

/**
 * A new version of an item went out. Emitted once per version; for a round task, `taskId` says
 * which task is now done. The version it replaced became `superseded`: that publication's
 * version is bumped too (`otherAggregates`).
 */
export const PublicationPublishedV1 = defineEvent({
  service: 'catalogue',
  aggregate: 'publication',
  event: 'published',
  version: 1,
  aggregateId: (payload) => payload.publicationId,
  otherAggregateIds: (payload) =>
    payload.supersededPublicationId === null ? [] : [payload.supersededPublicationId],
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

/**
 * The information behind an item changed (recorded by hand, e.g. a new admissions plan adopted):
 * the item's time limit runs from the earliest change not yet published (`pendingChangeAt`, which
 * an earlier change already recorded may keep). Business time: the envelope's `occurredAt` is
 * `changedAt`.
 */
export const ItemChangeRecordedV1 = defineEvent({
  service: 'catalogue',
  aggregate: 'item',
  event: 'change-recorded',
  version: 1,
  aggregateId: (payload) => payload.itemId,
  payload: z.object({
    itemId: z.uuid(),
    itemCode: z.string(),
    /** The item's lead department on the day of the change (null: nobody is responsible yet). */
    leadDepartmentId: z.uuid().nullable(),
    changedAt: IsoTimestampSchema,
    note: z.string().nullable(),
    /** The change the item's clock now runs from (the earliest one not yet published). */
    pendingChangeAt: IsoTimestampSchema,
    /** The time limit applied (the item's own, or the catalogue default at the time). */
    timeLimitDays: z.number().int(),
    /** When a version must be published by, as of this event. */
    dueAt: IsoTimestampSchema,
  }),
});

/** A category of the catalogue was added (the Ministry list's categories are added on first start). */
export const CategoryCreatedV1 = defineEvent({
  service: 'catalogue',
  aggregate: 'category',
  event: 'created',
  version: 1,
  aggregateId: (payload) => payload.code,
  payload: z.object({
    code: z.string().min(1),
    name: z.string(),
    nameVariants: z.array(z.string()),
    origin: z.enum(ITEM_ORIGINS),
    sortOrder: z.number().int(),
  }),
});

/**
 * The catalogue settings changed (one aggregate, keyed by the settings row's id): the default time
 * limit, set on first start from the rules (`previousDefaultTimeLimitDays` null) and by the office.
 */
export const SettingsChangedV1 = defineEvent({
  service: 'catalogue',
  aggregate: 'settings',
  event: 'changed',
  version: 1,
  aggregateId: (payload) => payload.settingsId,
  payload: z.object({
    settingsId: z.string().min(1),
    defaultTimeLimitDays: z.number().int(),
    previousDefaultTimeLimitDays: z.number().int().nullable(),
    reason: z.string(),
  }),
});

/** Every event the catalogue service emits (stream CATALOGUE, `evt.catalogue.>`). */
/**
 * The head of the publication ledger (every published, superseded and withdrawn state of every
 * version, hash-chained) after an append, published in the same transaction through the outbox:
 * `GET /catalogue/items/{id}/publications/verify` compares the ledger with the latest one.
 */
export const PublicationChainCheckpointedV1 = defineEvent({
  service: 'catalogue',
  aggregate: 'publication-chain',
  event: 'checkpointed',
  version: 1,
  aggregateId: (payload) => payload.chain,
  payload: ChainCheckpointSchema,
});

export const CatalogueEvents = {
  categoryCreated: CategoryCreatedV1,
  itemCreated: CatalogueItemCreatedV1,
  itemUpdated: CatalogueItemUpdatedV1,
  itemChangeRecorded: ItemChangeRecordedV1,
  itemConfirmed: ItemConfirmedV1,
  responsibilityRevised: ResponsibilityRevisedV1,
  publicationDrafted: PublicationDraftedV1,
  publicationEdited: PublicationEditedV1,
  publicationSubmitted: PublicationSubmittedV1,
  publicationSecrecyReviewed: PublicationSecrecyReviewedV1,
  publicationPublished: PublicationPublishedV1,
  publicationWithdrawn: PublicationWithdrawnV1,
  settingsChanged: SettingsChangedV1,
  publicationChainCheckpointed: PublicationChainCheckpointedV1,
} as const;
