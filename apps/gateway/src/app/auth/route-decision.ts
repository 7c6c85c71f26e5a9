import { z } from 'zod';
import { ACTIONS, BOOTSTRAP_ADMIN_CLIENT_ID, DecisionSchema, SubjectRefSchema } from '@gongkai/contracts';

/** The decision the AuthGuard let a request through on, with what it was asked about. */
export const RouteDecisionSchema = DecisionSchema.extend({
  /** Who it was decided for: the person (also when a client acts for one) or the client. */
  subject: SubjectRefSchema.or(
    z.object({ type: z.literal('client'), id: z.literal(BOOTSTRAP_ADMIN_CLIENT_ID) }),
  ),
  action: z.enum(ACTIONS),
  /** null = a school-wide target. */
  departmentId: z.uuid().nullable(),
});
export type RouteDecision = z.infer<typeof RouteDecisionSchema>;

declare module 'fastify' {
  interface FastifyRequest {
    /** Set by the AuthGuard when it decided (not on public routes, nor where the service decides). */
    decision?: RouteDecision;
  }
}
