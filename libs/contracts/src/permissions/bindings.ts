import { z } from 'zod';
import { ActorSchema } from '../common/envelope';
import { defineEvent } from '../common/event-definition';
import { SUBJECT_TYPES } from './decisions';
import { ACTIONS, ROLES } from './roles';
import { IdParamSchema, ReasonSchema, TimestampSchema, UuidListQuerySchema } from './shared';

export type SubjectType = (typeof SUBJECT_TYPES)[number];

export const BINDING_STATUSES = ['active', 'ended'] as const;
export type BindingStatus = (typeof BINDING_STATUSES)[number];

/**
 * Why a binding ended: `expired` (its validTo passed), `revoked` (by an administrator, or its API
 * client was revoked), `identity_change` (transfer away from its department), `reorganisation`
 * (moved to the successor department, or the department dissolved), `departed` (the person left).
 */
export const BINDING_END_REASONS = [
  'expired',
  'revoked',
  'identity_change',
  'reorganisation',
  'departed',
] as const;
export type BindingEndReason = (typeof BINDING_END_REASONS)[number];

/** How a binding came to be. */
export const BINDING_ORIGINS = ['grant', 'request', 'reorganisation', 'api_client'] as const;
export type BindingOrigin = (typeof BINDING_ORIGINS)[number];

/**
 * subject × role × scope × validity window. `departmentId` null = school-wide. Roles with
 * `departmentScoped: true` are always bound to one department; the others always school-wide.
 * A department binding covers exactly that department (not its parent, siblings or children).
 */
export const RoleBindingSchema = z.object({
  id: z.uuid(),
  subjectType: z.enum(SUBJECT_TYPES),
  subjectId: z.uuid(),
  role: z.enum(ROLES),
  departmentId: z.uuid().nullable(),
  validFrom: TimestampSchema,
  /** null = until ended. */
  validTo: TimestampSchema.nullable(),
  status: z.enum(BINDING_STATUSES),
  endedAt: TimestampSchema.nullable(),
  endReason: z.enum(BINDING_END_REASONS).nullable(),
  /** The approved permission request that created it, if any. */
  requestId: z.uuid().nullable(),
  grantedBy: ActorSchema,
  createdAt: TimestampSchema,
});
export type RoleBinding = z.infer<typeof RoleBindingSchema>;

/**
 * `permissions.role-bindings.grant` (POST /role-bindings), an administrator's direct grant.
 * `validFrom` defaults to now and may lie in the future (the binding starts by itself);
 * `validTo` must be after `validFrom` and in the future.
 */
export const GrantRoleBindingSchema = z
  .object({
    subjectType: z.enum(SUBJECT_TYPES),
    subjectId: z.uuid(),
    role: z.enum(ROLES),
    departmentId: z.uuid().nullable().default(null),
    validFrom: TimestampSchema.optional(),
    validTo: TimestampSchema.nullable().optional(),
    reason: ReasonSchema,
  })
  .strict();
export type GrantRoleBinding = z.infer<typeof GrantRoleBindingSchema>;

/** `permissions.role-bindings.revoke` (POST /role-bindings/{id}/revoke, or DELETE /role-bindings/{id}). */
export const RevokeRoleBindingBodySchema = z.object({ reason: ReasonSchema }).strict();
export const RevokeRoleBindingSchema = z.object({ id: z.uuid(), reason: ReasonSchema }).strict();
export type RevokeRoleBinding = z.infer<typeof RevokeRoleBindingSchema>;

/** `permissions.role-bindings.get` (GET /role-bindings/{id}). */
export const GetRoleBindingSchema = IdParamSchema;

/** `permissions.role-bindings.list` (GET /role-bindings). */
export const ListRoleBindingsSchema = UuidListQuerySchema.extend({
  subjectType: z.enum(SUBJECT_TYPES).optional(),
  subjectId: z.uuid().optional(),
  departmentId: z.uuid().optional(),
  role: z.enum(ROLES).optional(),
  status: z.enum(BINDING_STATUSES).optional(),
}).strict();
export type ListRoleBindings = z.infer<typeof ListRoleBindingsSchema>;

/** One thing a subject may do: a binding's role, its actions, where, and for how long. */
export const EffectivePermissionSchema = z.object({
  bindingId: z.uuid(),
  role: z.enum(ROLES),
  actions: z.array(z.enum(ACTIONS)),
  /** null = school-wide. */
  departmentId: z.uuid().nullable(),
  validFrom: TimestampSchema,
  validTo: TimestampSchema.nullable(),
});
export type EffectivePermission = z.infer<typeof EffectivePermissionSchema>;

const bindingEventBase = {
  bindingId: z.uuid(),
  /** With subjectId: which decision-cache entries to drop. */
  subjectType: z.enum(SUBJECT_TYPES),
  subjectId: z.uuid(),
  role: z.enum(ROLES),
  departmentId: z.uuid().nullable(),
  validFrom: TimestampSchema,
  validTo: TimestampSchema.nullable(),
};

export const BindingGrantedV1 = defineEvent({
  service: 'permissions',
  aggregate: 'binding',
  event: 'granted',
  version: 1,
  aggregateId: (payload) => payload.bindingId,
  payload: z.object({
    ...bindingEventBase,
    origin: z.enum(BINDING_ORIGINS),
    requestId: z.uuid().nullable(),
    reorganisationId: z.uuid().nullable(),
  }),
});

/** A binding granted with a future validFrom has started (emitted by the service's own sweeper). */
export const BindingStartedV1 = defineEvent({
  service: 'permissions',
  aggregate: 'binding',
  event: 'started',
  version: 1,
  aggregateId: (payload) => payload.bindingId,
  payload: z.object(bindingEventBase),
});

/** Revoked, expired (by the sweeper, at validTo), or ended by an identity change or reorganisation. */
export const BindingEndedV1 = defineEvent({
  service: 'permissions',
  aggregate: 'binding',
  event: 'ended',
  version: 1,
  aggregateId: (payload) => payload.bindingId,
  payload: z.object({
    ...bindingEventBase,
    endedAt: TimestampSchema,
    endReason: z.enum(BINDING_END_REASONS),
    identityChangeId: z.uuid().nullable(),
    reorganisationId: z.uuid().nullable(),
  }),
});
