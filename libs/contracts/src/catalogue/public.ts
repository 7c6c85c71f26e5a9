import { z } from 'zod';
import { CategoryCodeSchema, CHANNELS, IsoTimestampSchema } from './common';
import { CycleSchema } from './items';
import { AttachmentSchema, DocumentLinkSchema } from './publications';

/**
 * The public disclosure catalogue (GET /public/catalogue, no credentials): active items of scope
 * `public` only, each with its current published version. Campus-only items never appear here.
 */
export const PublicCatalogueQuerySchema = z
  .object({
    categoryCode: CategoryCodeSchema.optional(),
    q: z.string().trim().min(1).max(100).optional(),
  })
  .strict();
export type PublicCatalogueQuery = z.infer<typeof PublicCatalogueQuerySchema>;

export const PublicVersionSchema = z.object({
  version: z.number().int(),
  title: z.string(),
  summary: z.string(),
  documents: z.array(DocumentLinkSchema),
  attachments: z.array(AttachmentSchema),
  channels: z.array(z.enum(CHANNELS)),
  publisher: z.string().nullable(),
  publishedAt: IsoTimestampSchema,
  /** Lets a reader check the record against GET /catalogue/items/{id}/publications/verify. */
  contentHash: z.string(),
});
export type PublicVersion = z.infer<typeof PublicVersionSchema>;

export const PublicItemSchema = z.object({
  id: z.uuid(),
  code: z.string(),
  moeItemNo: z.string().nullable(),
  title: z.string(),
  categoryCode: z.string(),
  description: z.string().nullable(),
  cycle: CycleSchema,
  columnUrl: z.string().nullable(),
  current: PublicVersionSchema.nullable(),
});
export type PublicItem = z.infer<typeof PublicItemSchema>;

export const PublicCatalogueSchema = z.object({
  categories: z.array(z.object({ code: z.string(), name: z.string(), items: z.array(PublicItemSchema) })),
});
export type PublicCatalogue = z.infer<typeof PublicCatalogueSchema>;

/** GET /public/catalogue/items/{id}: one public item with the body of its current version. */
export const GetPublicItemSchema = z.object({ itemId: z.uuid() }).strict();
export const PublicItemDetailSchema = PublicItemSchema.extend({
  current: PublicVersionSchema.extend({ body: z.string() }).nullable(),
});
export type PublicItemDetail = z.infer<typeof PublicItemDetailSchema>;
