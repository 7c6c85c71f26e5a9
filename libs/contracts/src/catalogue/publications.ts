import { z } from 'zod';
import { CheckpointComparisonSchema } from '../common/chain-checkpoint';
import { ActorSchema } from '../common/envelope';
import { ListQuerySchema } from '../common/pagination';
import {
  CATALOGUE_SCOPES,
  CHANNELS,
  CategoryCodeSchema,
  ChannelsSchema,
  HttpUrlSchema,
  BusinessTimeSchema,
  ReasonTextSchema,
  IsoTimestampSchema,
} from './common';

/**
 * draft → in_review → secrecy_reviewed (保密审查: a named reviewer cleared it) → published →
 * superseded (a newer version was published) | withdrawn. A reviewer may return it to draft.
 */
export const PUBLICATION_STATES = [
  'draft',
  'in_review',
  'secrecy_reviewed',
  'published',
  'superseded',
  'withdrawn',
] as const;
export type PublicationState = (typeof PUBLICATION_STATES)[number];

/** `round_task`: published from an approved update-round task; `ad_hoc`: published on its own. */
export const PUBLICATION_SOURCES = ['round_task', 'ad_hoc'] as const;
export type PublicationSource = (typeof PUBLICATION_SOURCES)[number];

/** Limits on what a publication carries (the gateway also refuses bodies over BODY_LIMIT_BYTES). */
export const PUBLICATION_LIMITS = {
  titleChars: 300,
  summaryChars: 2000,
  bodyChars: 200_000,
  documents: 50,
  attachments: 50,
} as const;

export const DocumentLinkSchema = z
  .object({ title: z.string().trim().min(1).max(200), url: HttpUrlSchema })
  .strict();
export type DocumentLink = z.infer<typeof DocumentLinkSchema>;

/** Metadata of an attached file (the file itself lives on the disclosure site). */
export const AttachmentSchema = z
  .object({
    name: z.string().trim().min(1).max(255),
    size: z
      .number()
      .int()
      .min(0)
      .max(2 * 1024 ** 3),
    sha256: z.string().regex(/^[0-9a-f]{64}$/, 'the SHA-256 of the file as 64 lowercase hex digits'),
  })
  .strict();
export type Attachment = z.infer<typeof AttachmentSchema>;

export const PublicationContentSchema = z
  .object({
    title: z.string().trim().min(1).max(PUBLICATION_LIMITS.titleChars),
    summary: z.string().trim().max(PUBLICATION_LIMITS.summaryChars).default(''),
    body: z.string().max(PUBLICATION_LIMITS.bodyChars).default(''),
    documents: z.array(DocumentLinkSchema).max(PUBLICATION_LIMITS.documents).default([]),
    attachments: z.array(AttachmentSchema).max(PUBLICATION_LIMITS.attachments).default([]),
    channels: ChannelsSchema,
  })
  .strict();
export type PublicationContent = z.infer<typeof PublicationContentSchema>;

export const SecrecyReviewSchema = z.object({
  /** The named reviewer who cleared it (or returned it). */
  reviewer: z.string(),
  decision: z.enum(['cleared', 'returned']),
  note: z.string().nullable(),
  reviewedBy: ActorSchema,
  reviewedAt: IsoTimestampSchema,
});

export const PublicationSchema = z.object({
  id: z.uuid(),
  itemId: z.uuid(),
  /** 1, 2, 3 … per item, given when published; null before. */
  version: z.number().int().nullable(),
  state: z.enum(PUBLICATION_STATES),
  source: z.enum(PUBLICATION_SOURCES),
  taskId: z.uuid().nullable(),
  roundId: z.uuid().nullable(),
  title: z.string(),
  summary: z.string(),
  body: z.string(),
  documents: z.array(DocumentLinkSchema),
  attachments: z.array(AttachmentSchema),
  channels: z.array(z.enum(CHANNELS)),
  /** Who publishes it, as shown to readers (e.g. the responsible department's name). */
  publisher: z.string().nullable(),
  /** When the information was formed or changed: starts the time limit. */
  informationChangedAt: IsoTimestampSchema.nullable(),
  /** End of the time limit (Asia/Shanghai working days after informationChangedAt). */
  dueAt: IsoTimestampSchema.nullable(),
  /** Published by dueAt; null while unpublished or when no change time is known. */
  publishedOnTime: z.boolean().nullable(),
  /** Also null for callers who do not work on the item (only its liaisons, reviewers and the office see who reviewed). */
  secrecyReview: SecrecyReviewSchema.nullable(),
  /** null for callers who do not work on the item: actor ids are shown to its liaisons, reviewers and the office only. */
  createdBy: ActorSchema.nullable(),
  createdAt: IsoTimestampSchema,
  submittedAt: IsoTimestampSchema.nullable(),
  publishedAt: IsoTimestampSchema.nullable(),
  publishedBy: ActorSchema.nullable(),
  supersededAt: IsoTimestampSchema.nullable(),
  withdrawnAt: IsoTimestampSchema.nullable(),
  withdrawnReason: z.string().nullable(),
  /** SHA-256 (hex) of this version's canonical content and previousHash; set when published. */
  contentHash: z.string().nullable(),
  /** contentHash of the item's previous published version; null for version 1. */
  previousHash: z.string().nullable(),
  updatedAt: IsoTimestampSchema,
});
export type Publication = z.infer<typeof PublicationSchema>;

export const PublicationPageSchema = z.object({
  items: z.array(PublicationSchema),
  nextCursor: z.string().nullable(),
});

/** GET /catalogue/items/{id}/publications */
export const ListPublicationsQuerySchema = ListQuerySchema.extend({
  state: z.enum(PUBLICATION_STATES).optional(),
  cursor: z.uuid().optional(),
}).strict();
export const ListPublicationsSchema = ListPublicationsQuerySchema.extend({ itemId: z.uuid() }).strict();
export type ListPublications = z.infer<typeof ListPublicationsSchema>;

/** GET /catalogue/publications: search across items. */
export const SearchPublicationsQuerySchema = ListQuerySchema.extend({
  q: z.string().trim().min(1).max(100).optional(),
  categoryCode: CategoryCodeSchema.optional(),
  departmentId: z.uuid().optional(),
  channel: z.enum(CHANNELS).optional(),
  state: z.enum(PUBLICATION_STATES).optional(),
  scope: z.enum(CATALOGUE_SCOPES).optional(),
  cursor: z.uuid().optional(),
}).strict();
export type SearchPublicationsQuery = z.infer<typeof SearchPublicationsQuerySchema>;

/** POST /catalogue/items/{id}/publications: an ad-hoc draft. */
export const CreatePublicationBodySchema = PublicationContentSchema.extend({
  publisher: z.string().trim().min(1).max(100).optional(),
  /** When the information was formed or changed (default: the change recorded on the item, if any). */
  informationChangedAt: BusinessTimeSchema.optional(),
}).strict();
export type CreatePublicationBody = z.infer<typeof CreatePublicationBodySchema>;
export const CreatePublicationSchema = CreatePublicationBodySchema.extend({ itemId: z.uuid() }).strict();
export type CreatePublication = z.infer<typeof CreatePublicationSchema>;

/** PATCH …/publications/{pid}: only drafts change. */
export const UpdatePublicationBodySchema = z
  .object({
    title: z.string().trim().min(1).max(PUBLICATION_LIMITS.titleChars).optional(),
    summary: z.string().trim().max(PUBLICATION_LIMITS.summaryChars).optional(),
    body: z.string().max(PUBLICATION_LIMITS.bodyChars).optional(),
    documents: z.array(DocumentLinkSchema).max(PUBLICATION_LIMITS.documents).optional(),
    attachments: z.array(AttachmentSchema).max(PUBLICATION_LIMITS.attachments).optional(),
    channels: ChannelsSchema.optional(),
    publisher: z.string().trim().min(1).max(100).nullable().optional(),
    informationChangedAt: BusinessTimeSchema.nullable().optional(),
  })
  .strict()
  .refine((body) => Object.keys(body).length > 0, { message: 'Give at least one field to change' });
export type UpdatePublicationBody = z.infer<typeof UpdatePublicationBodySchema>;
export const UpdatePublicationSchema = z
  .object({ itemId: z.uuid(), publicationId: z.uuid(), changes: UpdatePublicationBodySchema })
  .strict();
export type UpdatePublication = z.infer<typeof UpdatePublicationSchema>;

/** POST …/{pid}/secrecy-review */
export const SecrecyReviewBodySchema = z
  .object({
    reviewer: z.string().trim().min(1).max(100),
    decision: z.enum(['cleared', 'returned']).default('cleared'),
    note: z.string().trim().max(2000).optional(),
  })
  .strict();
export type SecrecyReviewBody = z.infer<typeof SecrecyReviewBodySchema>;
export const SecrecyReviewPublicationSchema = SecrecyReviewBodySchema.extend({
  itemId: z.uuid(),
  publicationId: z.uuid(),
}).strict();
export type SecrecyReviewPublication = z.infer<typeof SecrecyReviewPublicationSchema>;

/** POST …/{pid}/publish: `occurredAt` when entered after the fact. */
export const PublishBodySchema = z.object({ occurredAt: BusinessTimeSchema.optional() }).strict();
export type PublishBody = z.infer<typeof PublishBodySchema>;
export const PublishPublicationSchema = PublishBodySchema.extend({
  itemId: z.uuid(),
  publicationId: z.uuid(),
}).strict();
export type PublishPublication = z.infer<typeof PublishPublicationSchema>;

/** POST …/{pid}/withdraw */
export const WithdrawBodySchema = z
  .object({ reason: ReasonTextSchema, occurredAt: BusinessTimeSchema.optional() })
  .strict();
export type WithdrawBody = z.infer<typeof WithdrawBodySchema>;
export const WithdrawPublicationSchema = WithdrawBodySchema.extend({
  itemId: z.uuid(),
  publicationId: z.uuid(),
}).strict();
export type WithdrawPublication = z.infer<typeof WithdrawPublicationSchema>;

/** POST …/{pid}/submit-for-review (no body). */
export const SubmitPublicationSchema = z.object({ itemId: z.uuid(), publicationId: z.uuid() }).strict();

export const DIFF_OPS = ['equal', 'add', 'remove'] as const;
export const PublicationDiffSchema = z.object({
  publicationId: z.uuid(),
  version: z.number().int().nullable(),
  /** The version compared against: for a published version the one before it, else the current one. */
  against: z.object({ publicationId: z.uuid(), version: z.number().int() }).nullable(),
  /** Fields whose value differs (body is in `bodyDiff`). */
  changes: z.array(z.object({ field: z.string(), before: z.unknown(), after: z.unknown() })),
  /** Line-by-line diff of the body. */
  bodyDiff: z.array(z.object({ op: z.enum(DIFF_OPS), text: z.string() })),
});
export type PublicationDiff = z.infer<typeof PublicationDiffSchema>;

export const VERIFY_FAILURES = [
  'content_hash_mismatch',
  'previous_hash_mismatch',
  'missing_hash',
  'state_mismatch',
  'not_in_ledger',
] as const;
export const LEDGER_BREAK_REASONS = [
  'hash_mismatch',
  'prev_hash_mismatch',
  'seq_gap',
  'checkpoint_mismatch',
] as const;
export const ChainVerificationSchema = z.object({
  itemId: z.uuid(),
  /**
   * True when every published version's hash matches its content and links to the one before,
   * its state (published, superseded, withdrawn, on time, publisher, reviewer) is the one the
   * ledger last recorded, and the ledger is intact and agrees with its checkpoints.
   */
  intact: z.boolean(),
  /** Published versions checked (published, superseded and withdrawn ones). */
  checked: z.number().int(),
  versions: z.array(
    z.object({
      publicationId: z.uuid(),
      version: z.number().int(),
      state: z.enum(PUBLICATION_STATES),
      contentHash: z.string().nullable(),
      ok: z.boolean(),
    }),
  ),
  /**
   * The first version that does not verify, and why: its content (`content_hash_mismatch`,
   * `previous_hash_mismatch`, `missing_hash`), or its state fields differ from the ledger's last
   * record of it (`state_mismatch`), or the ledger has none (`not_in_ledger`).
   */
  firstBroken: z
    .object({
      publicationId: z.uuid(),
      version: z.number().int(),
      failure: z.enum(VERIFY_FAILURES),
      storedHash: z.string().nullable(),
      recomputedHash: z.string(),
    })
    .nullable(),
  /** The catalogue-wide publication ledger every version's state changes are chained in. */
  ledger: z.object({
    intact: z.boolean(),
    /** Entries checked (up to and including the first broken one). */
    checked: z.number().int(),
    lastSeq: z.number().int().nullable(),
    firstBrokenSeq: z.number().int().nullable(),
    /** As for the audit log; `checkpoint_mismatch`: see `checkpoint`. */
    reason: z.enum(LEDGER_BREAK_REASONS).nullable(),
    /** The ledger against every signed checkpoint in the CATALOGUE stream. */
    checkpoint: CheckpointComparisonSchema,
  }),
  verifiedAt: IsoTimestampSchema,
});
export type ChainVerification = z.infer<typeof ChainVerificationSchema>;
