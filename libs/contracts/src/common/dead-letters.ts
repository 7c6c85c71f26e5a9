import { z } from 'zod';
import { pageSchema } from './pagination';
import { defineRpc, subjectsOf } from './rpc-definition';
import { DATA_SERVICES, type DataServiceName } from './services';

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

/** Every data service answers these for its own dead letters; the gateway fronts them at /ops/dead-letters. */
export function deadLetterRpcOf<TService extends DataServiceName>(service: TService) {
  return {
    list: defineRpc({
      subject: `${service}.dead-letters.list` as const,
      request: ListDeadLettersSchema,
      reply: pageSchema(DeadLetterSchema),
    }),
    replay: defineRpc({
      subject: `${service}.dead-letters.replay` as const,
      request: ReplayDeadLetterSchema,
      reply: DeadLetterSchema,
    }),
  } as const;
}

export function deadLetterSubjectsOf<TService extends DataServiceName>(service: TService) {
  return subjectsOf(deadLetterRpcOf(service));
}

/**
 * Ops routes at the gateway (`GET /ops/dead-letters`): the service's own query plus which data
 * service to ask; without `service` every data service is asked (and `cursor` means nothing).
 */
export const OpsListDeadLettersQuerySchema = ListDeadLettersSchema.extend({
  service: z.enum(DATA_SERVICES).optional(),
}).strict();
export type OpsListDeadLettersQuery = z.infer<typeof OpsListDeadLettersQuerySchema>;

/** A dead letter as the gateway shows it: with the data service that parked it. */
export const ServiceDeadLetterSchema = DeadLetterSchema.extend({ service: z.enum(DATA_SERVICES) });
export type ServiceDeadLetterView = z.infer<typeof ServiceDeadLetterSchema>;

/** One service's dead letters, a page at a time (`?service=` set). */
export const ServiceDeadLetterPageSchema = pageSchema(ServiceDeadLetterSchema);

/** How one data service answered when every service was asked. */
export const DeadLetterServiceReportSchema = z.union([
  z
    .object({
      parked: z
        .number()
        .int()
        .describe('Parked dead letters among those this service returned (at most `limit`)'),
      replayed: z.number().int().describe('Replayed dead letters among those this service returned'),
      more: z.boolean().describe('The service has more than `limit`: list it alone with `?service=` to page'),
    })
    .strict(),
  z.object({ error: z.string().describe('`<code>: message` when the service did not answer') }).strict(),
]);
export type DeadLetterServiceReport = z.infer<typeof DeadLetterServiceReportSchema>;

/** Every data service's dead letters merged, newest `failedAt` first, cut to `limit`. */
export const AllDeadLettersSchema = z.object({
  items: z.array(ServiceDeadLetterSchema),
  nextCursor: z.null(),
  services: z.record(z.enum(DATA_SERVICES), DeadLetterServiceReportSchema),
});
export type AllDeadLetters = z.infer<typeof AllDeadLettersSchema>;
