import { z } from 'zod';
import { ListQuerySchema } from '../common/pagination';
import {
  CATALOGUE_SCOPES,
  CHANNELS,
  CalendarDateSchema,
  CategoryCodeSchema,
  ChannelsSchema,
  HttpUrlSchema,
  ITEM_ORIGINS,
  ITEM_STATUSES,
  ItemCodeSchema,
  MoeItemNoSchema,
  BusinessTimeSchema,
  IsoTimestampSchema,
} from './common';

/**
 * How often an item must be brought up to date (更新周期):
 * - `on_change` (变动即更): within the time limit after the information changes;
 * - `anytime` (随时更新): likewise, published as it comes;
 * - `annual_window`: once in a fixed window every year, e.g. December–January (startMonth 12, endMonth 1).
 */
export const CYCLE_KINDS = ['on_change', 'anytime', 'annual_window'] as const;
export type CycleKind = (typeof CYCLE_KINDS)[number];

const MonthSchema = z.number().int().min(1).max(12);
export const CycleSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('on_change') }).strict(),
  z.object({ kind: z.literal('anytime') }).strict(),
  z
    .object({
      kind: z.literal('annual_window'),
      startMonth: MonthSchema,
      endMonth: MonthSchema,
    })
    .strict(),
]);
export type Cycle = z.infer<typeof CycleSchema>;

export const CategorySchema = z.object({
  code: z.string(),
  name: z.string(),
  nameVariants: z.array(z.string()),
  origin: z.enum(ITEM_ORIGINS),
  sortOrder: z.number().int(),
  itemCount: z.number().int(),
  createdAt: IsoTimestampSchema,
  updatedAt: IsoTimestampSchema,
});
export type Category = z.infer<typeof CategorySchema>;

export const CategoryListSchema = z.object({ items: z.array(CategorySchema) });
export type CategoryList = z.infer<typeof CategoryListSchema>;

/** When an item is next due and whether it is late (see freshness in the catalogue service). */
export const FRESHNESS_REASONS = ['never_published', 'change_pending', 'window'] as const;
export const FreshnessSchema = z.object({
  lastPublishedAt: IsoTimestampSchema.nullable(),
  /** A "no change" confirmation from an update round also counts as brought up to date. */
  lastConfirmedAt: IsoTimestampSchema.nullable(),
  /** The information changed at this time and no publication has followed yet. */
  pendingChangeAt: IsoTimestampSchema.nullable(),
  nextDueAt: IsoTimestampSchema.nullable(),
  dueReason: z.enum(FRESHNESS_REASONS).nullable(),
  overdue: z.boolean(),
});
export type Freshness = z.infer<typeof FreshnessSchema>;

export const CurrentVersionRefSchema = z.object({
  publicationId: z.uuid(),
  version: z.number().int(),
  title: z.string(),
  publishedAt: IsoTimestampSchema,
  /** Published within the time limit of the information changing (null: no change time known). */
  publishedOnTime: z.boolean().nullable(),
});

export const CatalogueItemSchema = z.object({
  id: z.uuid(),
  code: z.string(),
  moeItemNo: z.string().nullable(),
  title: z.string(),
  categoryCode: z.string(),
  description: z.string().nullable(),
  /** 有关文件: the rules that require this disclosure. */
  legalBasis: z.string().nullable(),
  scope: z.enum(CATALOGUE_SCOPES),
  cycle: CycleSchema,
  /** Working days to publish after the information is formed or changes (this item's, else the catalogue default). */
  timeLimitDays: z.number().int(),
  /** This item's own time limit; null = the catalogue default (GET /catalogue/settings). */
  ownTimeLimitDays: z.number().int().nullable(),
  channels: z.array(z.enum(CHANNELS)),
  /** The column on the disclosure site where this item is published. */
  columnUrl: z.string().nullable(),
  status: z.enum(ITEM_STATUSES),
  origin: z.enum(ITEM_ORIGINS),
  /** Loaded from a reference whose wording could not be confirmed: the office should check it. */
  uncertain: z.boolean(),
  uncertaintyNote: z.string().nullable(),
  /** Responsible departments today (责任分工): GET …/responsibility for history. */
  leadDepartmentId: z.uuid().nullable(),
  coDepartmentIds: z.array(z.uuid()),
  currentVersion: CurrentVersionRefSchema.nullable(),
  freshness: FreshnessSchema,
  createdAt: IsoTimestampSchema,
  updatedAt: IsoTimestampSchema,
});
export type CatalogueItem = z.infer<typeof CatalogueItemSchema>;

export const CatalogueItemPageSchema = z.object({
  items: z.array(CatalogueItemSchema),
  nextCursor: z.string().nullable(),
});

const TitleSchema = z.string().trim().min(1).max(300);
const DescriptionSchema = z.string().trim().max(4000);
const LegalBasisSchema = z.string().trim().max(2000);
const TimeLimitDaysSchema = z.number().int().min(1).max(365);

/** `catalogue.items.create` (POST /catalogue/items): one of the university's own items, or a Ministry sub-item. */
export const CreateItemSchema = z
  .object({
    code: ItemCodeSchema,
    moeItemNo: MoeItemNoSchema.optional(),
    title: TitleSchema,
    categoryCode: CategoryCodeSchema,
    description: DescriptionSchema.optional(),
    legalBasis: LegalBasisSchema.optional(),
    scope: z.enum(CATALOGUE_SCOPES).default('public'),
    cycle: CycleSchema.default({ kind: 'on_change' }),
    timeLimitDays: TimeLimitDaysSchema.optional(),
    channels: ChannelsSchema.default(['disclosure_site']),
    columnUrl: HttpUrlSchema.optional(),
    /** With a lead department, the item starts with responsibility revision 1 effective today. */
    leadDepartmentId: z.uuid().optional(),
    coDepartmentIds: z.array(z.uuid()).max(30).optional(),
  })
  .strict();
export type CreateItem = z.infer<typeof CreateItemSchema>;

/** PATCH /catalogue/items/{id}: the fields to change; `null` clears an optional one. */
export const UpdateItemBodySchema = z
  .object({
    title: TitleSchema.optional(),
    moeItemNo: MoeItemNoSchema.nullable().optional(),
    categoryCode: CategoryCodeSchema.optional(),
    description: DescriptionSchema.nullable().optional(),
    legalBasis: LegalBasisSchema.nullable().optional(),
    scope: z.enum(CATALOGUE_SCOPES).optional(),
    cycle: CycleSchema.optional(),
    timeLimitDays: TimeLimitDaysSchema.nullable().optional(),
    channels: ChannelsSchema.optional(),
    columnUrl: HttpUrlSchema.nullable().optional(),
    status: z.enum(ITEM_STATUSES).optional(),
    /** Set false once the office has checked the wording against the Ministry's original. */
    uncertain: z.boolean().optional(),
    uncertaintyNote: z.string().trim().max(2000).nullable().optional(),
  })
  .strict()
  .refine((body) => Object.keys(body).length > 0, { message: 'Give at least one field to change' });
export type UpdateItemBody = z.infer<typeof UpdateItemBodySchema>;

/** `catalogue.items.update`. */
export const UpdateItemSchema = z.object({ itemId: z.uuid(), changes: UpdateItemBodySchema }).strict();
export type UpdateItem = z.infer<typeof UpdateItemSchema>;

/** GET /catalogue/items: filters combine with AND; `q` is a keyword (Chinese works without spaces). */
export const ListItemsQuerySchema = ListQuerySchema.extend({
  q: z.string().trim().min(1).max(100).optional(),
  categoryCode: CategoryCodeSchema.optional(),
  /** Items this department is responsible for today, as lead or co-operating department. */
  departmentId: z.uuid().optional(),
  channel: z.enum(CHANNELS).optional(),
  scope: z.enum(CATALOGUE_SCOPES).optional(),
  status: z.enum(ITEM_STATUSES).optional(),
  /** `true`/`false` in a query string; the gateway forwards it parsed, as a boolean, which is taken too. */
  uncertain: z
    .preprocess((value) => (typeof value === 'boolean' ? String(value) : value), z.enum(['true', 'false']))
    .transform((value) => value === 'true')
    .optional(),
}).strict();
export type ListItemsQuery = z.infer<typeof ListItemsQuerySchema>;

/** `catalogue.items.get`. */
export const GetItemSchema = z.object({ itemId: z.uuid() }).strict();

/** POST /catalogue/items/{id}/changes: the information behind the item changed (starts its time limit). */
export const RecordChangeBodySchema = z
  .object({
    changedAt: BusinessTimeSchema,
    note: z.string().trim().max(1000).optional(),
  })
  .strict();
export type RecordChangeBody = z.infer<typeof RecordChangeBodySchema>;
export const RecordChangeSchema = RecordChangeBodySchema.extend({ itemId: z.uuid() }).strict();
export type RecordChange = z.infer<typeof RecordChangeSchema>;

/** Catalogue-wide settings. */
export const CatalogueSettingsSchema = z.object({
  /** The default time limit in working days (教办函〔2014〕23号: 20); items may override it. */
  defaultTimeLimitDays: z.number().int(),
  updatedAt: IsoTimestampSchema,
});
export type CatalogueSettings = z.infer<typeof CatalogueSettingsSchema>;

export const UpdateSettingsSchema = z
  .object({ defaultTimeLimitDays: TimeLimitDaysSchema, reason: z.string().trim().min(1).max(1000) })
  .strict();
export type UpdateSettings = z.infer<typeof UpdateSettingsSchema>;

/** GET /catalogue/overdue. */
export const ListOverdueQuerySchema = z
  .object({
    /** Judge as of this time (default now). */
    asOf: IsoTimestampSchema.optional(),
    departmentId: z.uuid().optional(),
  })
  .strict();
export type ListOverdueQuery = z.infer<typeof ListOverdueQuerySchema>;

export const OverdueItemSchema = z.object({
  id: z.uuid(),
  code: z.string(),
  title: z.string(),
  categoryCode: z.string(),
  scope: z.enum(CATALOGUE_SCOPES),
  leadDepartmentId: z.uuid().nullable(),
  coDepartmentIds: z.array(z.uuid()),
  nextDueAt: IsoTimestampSchema,
  dueReason: z.enum(FRESHNESS_REASONS),
  lastPublishedAt: IsoTimestampSchema.nullable(),
  /** Working days past the due date (Asia/Shanghai calendar). */
  workingDaysOverdue: z.number().int(),
});
export type OverdueItem = z.infer<typeof OverdueItemSchema>;

export const OverdueReportSchema = z.object({
  asOf: IsoTimestampSchema,
  total: z.number().int(),
  /** One group per lead department (null: no department responsible yet), most overdue items first. */
  departments: z.array(
    z.object({
      departmentId: z.uuid().nullable(),
      departmentName: z.string().nullable(),
      items: z.array(OverdueItemSchema),
    }),
  ),
});
export type OverdueReport = z.infer<typeof OverdueReportSchema>;

export { CalendarDateSchema };
