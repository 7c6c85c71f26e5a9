import { z } from 'zod';

export const ListQuerySchema = z
  .object({
    limit: z.coerce.number().int().min(1).max(500).default(50),
    cursor: z.string().min(1).max(200).optional(),
  })
  .strict();
export type ListQuery = z.infer<typeof ListQuerySchema>;

/**
 * A cursor that is the last id seen (a UUID), for lists paged by id: anything else is refused (400)
 * before it reaches the database, where a UUID column would fail on it.
 */
export const IdCursorSchema = z
  .uuid({ message: 'Expected the `nextCursor` of the previous page' })
  .optional()
  .describe('The `nextCursor` of the previous page');

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export function pageSchema<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), nextCursor: z.string().nullable() });
}
