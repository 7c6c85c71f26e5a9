import { z } from 'zod';
import type { DataServiceName } from './services';

/** Every data service answers these for its own dead letters; the gateway fronts them at /ops/dead-letters. */
export function deadLetterSubjectsOf(service: DataServiceName) {
  return {
    list: `${service}.dead-letters.list`,
    replay: `${service}.dead-letters.replay`,
  } as const;
}

export const DEAD_LETTER_STATUSES = ['parked', 'replayed'] as const;

export const ListDeadLettersSchema = z
  .object({
    status: z.enum(DEAD_LETTER_STATUSES).optional(),
    limit: z.coerce.number().int().min(1).max(500).default(50),
    cursor: z.uuid().optional(),
  })
  .strict();
export type ListDeadLetters = z.infer<typeof ListDeadLettersSchema>;

export const ReplayDeadLetterSchema = z.object({ id: z.uuid() }).strict();

export const DeadLetterSchema = z.object({
  id: z.string(),
  consumer: z.string(),
  stream: z.string(),
  subject: z.string(),
  streamSeq: z.number(),
  eventId: z.string().nullable(),
  eventType: z.string().nullable(),
  rawMessage: z.string(),
  error: z.string(),
  deliveries: z.number(),
  failedAt: z.string(),
  status: z.enum(DEAD_LETTER_STATUSES),
  replayedAt: z.string().nullable(),
  replayCount: z.number(),
});
export type DeadLetterView = z.infer<typeof DeadLetterSchema>;
