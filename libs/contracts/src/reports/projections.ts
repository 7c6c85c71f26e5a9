import { z } from 'zod';
import { IsoTimestampSchema } from '../catalogue/common';

/** `reports.projections.rebuild`: drop the projections and replay every stream from its start. */
export const RebuildProjectionsSchema = z.object({}).strict();

export const ProjectionConsumerStatusSchema = z.object({
  consumer: z.string(),
  stream: z.string(),
  /** Events JetStream still has to deliver, or that are delivered and not yet acknowledged. */
  pending: z.number().int(),
  /** Events waiting for an earlier version of their aggregate. */
  held: z.number().int(),
});

/** `reports.projections.status` (GET /reports/status). */
export const ProjectionStatusSchema = z.object({
  rebuilding: z.boolean(),
  /** When the last rebuild started (null: never since this replica started). */
  lastRebuildAt: IsoTimestampSchema.nullable(),
  consumers: z.array(ProjectionConsumerStatusSchema),
  /** Nothing pending or held: the projections hold every event the streams have. */
  caughtUp: z.boolean(),
});
export type ProjectionStatus = z.infer<typeof ProjectionStatusSchema>;
