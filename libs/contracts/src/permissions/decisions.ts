import { z } from 'zod';
import { ACTIONS } from './roles';

export const SUBJECT_TYPES = ['person', 'client'] as const;

export const SubjectRefSchema = z.object({ type: z.enum(SUBJECT_TYPES), id: z.uuid() }).strict();
export type SubjectRef = z.infer<typeof SubjectRefSchema>;

/** "May subject S do action A in scope D?" D null = a school-wide target. */
export const CheckPermissionSchema = z
  .object({
    subject: SubjectRefSchema,
    action: z.enum(ACTIONS),
    departmentId: z.uuid().nullable(),
    /** Decide as of this time (defaults to now); used for back-dated entries. */
    at: z.iso.datetime({ offset: true }).optional(),
  })
  .strict();
export type CheckPermission = z.infer<typeof CheckPermissionSchema>;

export const DecisionSchema = z.object({
  allow: z.boolean(),
  /** Why, in words an administrator can act on. */
  reason: z.string(),
  /** The binding that allowed it, when allowed. */
  bindingId: z.uuid().nullable(),
  /** Until when this answer holds at the latest (the binding's validTo, or the next scheduled change). */
  validUntil: z.string().nullable(),
});
export type Decision = z.infer<typeof DecisionSchema>;

/**
 * The actor id of the bootstrap admin key (BOOTSTRAP_ADMIN_API_KEY): an administrator for setting
 * up a fresh install, known to the gateway and to every service that checks who may decide.
 */
export const BOOTSTRAP_ADMIN_CLIENT_ID = 'bootstrap-admin';

/** `gk_<client id without dashes>_<secret>`: the shape of a campus API key (groups: id hex, secret). */
export const API_KEY_PATTERN = /^gk_([0-9a-f]{32})_([A-Za-z0-9_-]{32,128})$/;

/** Campus systems send `X-Api-Key: gk_<clientId without dashes>_<secret>`; the gateway asks permissions to verify it. */
export const AuthenticateApiKeySchema = z.object({ apiKey: z.string().min(1).max(256) }).strict();

export const AuthenticatedClientSchema = z.object({
  clientId: z.uuid(),
  name: z.string(),
  mayActForPersons: z.boolean(),
  mayBackdate: z.boolean(),
});
export type AuthenticatedClient = z.infer<typeof AuthenticatedClientSchema>;

/**
 * `permissions.acting.check`: may API client C act for person P (X-Acting-Person) at `at`? Only
 * when C may act for persons, P is active, and every role P holds then is one of C's `actForRoles`
 * (never an admin role). The bootstrap admin key may act for anyone but an administrator.
 */
export const CheckActingSchema = z
  .object({
    clientId: z.union([z.uuid(), z.literal(BOOTSTRAP_ADMIN_CLIENT_ID)]),
    personId: z.uuid(),
    at: z.iso.datetime({ offset: true }).optional(),
  })
  .strict();
export type CheckActing = z.infer<typeof CheckActingSchema>;

export const ActingDecisionSchema = z.object({ allow: z.boolean(), reason: z.string() });
export type ActingDecision = z.infer<typeof ActingDecisionSchema>;
