import { z } from 'zod';

/**
 * Business time (DESIGN.md): when something happened, for what is entered after the fact.
 * Never in the future; the service refuses one that is (the check needs a clock, so it is not here).
 */
export const OccurredAtSchema = z.iso
  .datetime({ offset: true })
  .describe('Business time (ISO 8601) when this happened; defaults to now, never in the future');

/** Why a change is made, kept in the audit log. */
export const ReasonSchema = z.string().trim().min(1).max(1000);

export const TimestampSchema = z.iso.datetime({ offset: true });

/** A list query whose cursor is the last UUIDv7 id seen (ids order by creation time). */
export const UuidListQuerySchema = z
  .object({
    limit: z.coerce.number().int().min(1).max(500).default(50),
    cursor: z.uuid().optional(),
  })
  .strict();

export const IdParamSchema = z.object({ id: z.uuid() }).strict();
export type IdParam = z.infer<typeof IdParamSchema>;
