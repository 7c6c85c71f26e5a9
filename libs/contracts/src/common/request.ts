import { z } from 'zod';
import { ActorSchema } from './envelope';

/**
 * Every NATS request carries who asks and the correlation id alongside the command itself,
 * so handlers can authorise, audit and stamp their events without reading transport headers.
 */
export const RequestMetaSchema = z.object({
  actor: ActorSchema,
  correlationId: z.string().min(1),
});
export type RequestMeta = z.infer<typeof RequestMetaSchema>;

export function requestSchema<T extends z.ZodType>(body: T) {
  return z.object({ meta: RequestMetaSchema, body });
}
export interface Request<TBody> {
  meta: RequestMeta;
  body: TBody;
}
