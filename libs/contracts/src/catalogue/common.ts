import { z } from 'zod';

/** `public`: shown on the public disclosure site; `campus`: only to authenticated campus users (校内公开). */
export const CATALOGUE_SCOPES = ['public', 'campus'] as const;
export type CatalogueScope = (typeof CATALOGUE_SCOPES)[number];

export const ITEM_STATUSES = ['active', 'retired'] as const;
export type ItemStatus = (typeof ITEM_STATUSES)[number];

/** Where the Ministry list comes from vs. what the university added itself. */
export const ITEM_ORIGINS = ['moe', 'university'] as const;
export type ItemOrigin = (typeof ITEM_ORIGINS)[number];

/**
 * Publishing channels (the seed report: 学校官网、学院官网、官方微信公众号、微博、抖音, and the
 * disclosure site 信息公开网 with its columns).
 */
export const CHANNELS = [
  'disclosure_site',
  'university_site',
  'college_site',
  'wechat',
  'weibo',
  'douyin',
] as const;
export type Channel = (typeof CHANNELS)[number];

export const ChannelsSchema = z
  .array(z.enum(CHANNELS))
  .min(1)
  .max(CHANNELS.length)
  .refine((channels) => new Set(channels).size === channels.length, 'list each channel once');

/** A link shown to readers: only http(s), never javascript:, data: or file: URLs. */
export const HttpUrlSchema = z.httpUrl().max(2000);

/** Calendar date (YYYY-MM-DD), read as an Asia/Shanghai date. */
export const CalendarDateSchema = z.iso.date();

export const IsoTimestampSchema = z.iso.datetime({ offset: true });

/** Business time: when it happened, for what is entered after the fact; never in the future. */
export const BusinessTimeSchema = IsoTimestampSchema.describe(
  'Business time (ISO 8601) when this happened; defaults to now, never in the future',
);

export const ReasonTextSchema = z.string().trim().min(1).max(1000);

/** Item codes: the Ministry's items are `MOE-01` … `MOE-50` (sub-items `MOE-01.1`); the university picks its own. */
export const ItemCodeSchema = z
  .string()
  .trim()
  .min(1)
  .max(40)
  .regex(
    /^[A-Za-z0-9][A-Za-z0-9._-]*$/,
    'letters, digits, ".", "-" and "_" only, starting with a letter or digit',
  );

/** The Ministry list's item number, or a sub-item of it: `7`, `1.1`, `1.2`. */
export const MoeItemNoSchema = z
  .string()
  .trim()
  .regex(/^[1-9]\d{0,2}(\.[1-9]\d{0,2})?$/, 'an item number such as 7 or a sub-item such as 1.2');

export const CategoryCodeSchema = z.string().trim().min(1).max(20);

/** An item id in a path, plus nothing else. */
export const ItemRefSchema = z.object({ itemId: z.uuid() }).strict();
export type ItemRef = z.infer<typeof ItemRefSchema>;

export const PublicationRefSchema = z.object({ itemId: z.uuid(), publicationId: z.uuid() }).strict();
export type PublicationRef = z.infer<typeof PublicationRefSchema>;
