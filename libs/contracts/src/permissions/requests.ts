import { z } from 'zod';
import { ActorSchema } from '../common/envelope';
import { defineEvent } from '../common/event-definition';
import { RoleBindingSchema } from './bindings';
import { SUBJECT_TYPES } from './decisions';
import { ROLES } from './roles';
import { IdParamSchema, ReasonSchema, TimestampSchema, UuidListQuerySchema } from './shared';

/** requested → approved | rejected; `cancelled` when the subject departs (or its client is revoked) first. */
export const PERMISSION_REQUEST_STATUSES = ['requested', 'approved', 'rejected', 'cancelled'] as const;
export type PermissionRequestStatus = (typeof PERMISSION_REQUEST_STATUSES)[number];

/** `manual`: somebody asked; `identity_change`: opened by a transfer for the new department. */
export const PERMISSION_REQUEST_ORIGINS = ['manual', 'identity_change', 'reorganisation'] as const;
export type PermissionRequestOrigin = (typeof PERMISSION_REQUEST_ORIGINS)[number];

/**
 * Who may approve or reject (env PERMISSION_REQUEST_APPROVERS): `admin` = holders of
 * permissions.admin (and the bootstrap admin client) only; `admin_or_reviewer` (default) = also
 * a holder of permissions.request.approve in the request's own department (dept_reviewer).
 * Nobody decides a request about themself.
 */
export const APPROVER_POLICIES = ['admin', 'admin_or_reviewer'] as const;
export type ApproverPolicy = (typeof APPROVER_POLICIES)[number];

export const PermissionRequestSchema = z.object({
  id: z.uuid(),
  subjectType: z.enum(SUBJECT_TYPES),
  subjectId: z.uuid(),
  role: z.enum(ROLES),
  departmentId: z.uuid().nullable(),
  validFrom: TimestampSchema.nullable(),
  validTo: TimestampSchema.nullable(),
  reason: z.string(),
  origin: z.enum(PERMISSION_REQUEST_ORIGINS),
  identityChangeId: z.uuid().nullable(),
  status: z.enum(PERMISSION_REQUEST_STATUSES),
  requestedBy: ActorSchema,
  decidedBy: ActorSchema.nullable(),
  decisionReason: z.string().nullable(),
  decidedAt: TimestampSchema.nullable(),
  /** The binding approval created. */
  bindingId: z.uuid().nullable(),
  createdAt: TimestampSchema,
});
export type PermissionRequest = z.infer<typeof PermissionRequestSchema>;

/** `permissions.requests.open` (POST /permission-requests). */
export const OpenPermissionRequestSchema = z
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
export type OpenPermissionRequest = z.infer<typeof OpenPermissionRequestSchema>;

/** `permissions.requests.approve` (POST /permission-requests/{id}/approve): creates the binding. */
export const ApprovePermissionRequestBodySchema = z.object({ reason: ReasonSchema.optional() }).strict();
export const ApprovePermissionRequestSchema = z
  .object({ id: z.uuid(), reason: ReasonSchema.optional() })
  .strict();
export type ApprovePermissionRequest = z.infer<typeof ApprovePermissionRequestSchema>;

/** `permissions.requests.reject` (POST /permission-requests/{id}/reject): a reason is required. */
export const RejectPermissionRequestBodySchema = z.object({ reason: ReasonSchema }).strict();
export const RejectPermissionRequestSchema = z.object({ id: z.uuid(), reason: ReasonSchema }).strict();
export type RejectPermissionRequest = z.infer<typeof RejectPermissionRequestSchema>;

/** `permissions.requests.get` (GET /permission-requests/{id}). */
export const GetPermissionRequestSchema = IdParamSchema;

/** `permissions.requests.list` (GET /permission-requests). */
export const ListPermissionRequestsSchema = UuidListQuerySchema.extend({
  status: z.enum(PERMISSION_REQUEST_STATUSES).optional(),
  departmentId: z.uuid().optional(),
  subjectId: z.uuid().optional(),
  origin: z.enum(PERMISSION_REQUEST_ORIGINS).optional(),
}).strict();
export type ListPermissionRequests = z.infer<typeof ListPermissionRequestsSchema>;

export const ApprovedPermissionRequestSchema = z.object({
  request: PermissionRequestSchema,
  binding: RoleBindingSchema,
});
export type ApprovedPermissionRequest = z.infer<typeof ApprovedPermissionRequestSchema>;

const requestEventBase = {
  requestId: z.uuid(),
  subjectType: z.enum(SUBJECT_TYPES),
  subjectId: z.uuid(),
  role: z.enum(ROLES),
  departmentId: z.uuid().nullable(),
};

export const RequestOpenedV1 = defineEvent({
  service: 'permissions',
  aggregate: 'request',
  event: 'opened',
  version: 1,
  aggregateId: (payload) => payload.requestId,
  payload: z.object({
    ...requestEventBase,
    validFrom: TimestampSchema.nullable(),
    validTo: TimestampSchema.nullable(),
    reason: z.string(),
    origin: z.enum(PERMISSION_REQUEST_ORIGINS),
    identityChangeId: z.uuid().nullable(),
  }),
});

export const RequestApprovedV1 = defineEvent({
  service: 'permissions',
  aggregate: 'request',
  event: 'approved',
  version: 1,
  aggregateId: (payload) => payload.requestId,
  payload: z.object({
    ...requestEventBase,
    bindingId: z.uuid(),
    decidedBy: ActorSchema,
    reason: z.string().nullable(),
  }),
});

export const RequestRejectedV1 = defineEvent({
  service: 'permissions',
  aggregate: 'request',
  event: 'rejected',
  version: 1,
  aggregateId: (payload) => payload.requestId,
  payload: z.object({ ...requestEventBase, decidedBy: ActorSchema, reason: z.string() }),
});

/**
 * A merge moved an open request to the department that took over its own: it stays open, to be
 * decided there. `departmentId` is the new department.
 */
export const RequestMovedV1 = defineEvent({
  service: 'permissions',
  aggregate: 'request',
  event: 'moved',
  version: 1,
  aggregateId: (payload) => payload.requestId,
  payload: z.object({ ...requestEventBase, previousDepartmentId: z.uuid(), reorganisationId: z.uuid() }),
});

/** The subject departed (or the client was revoked) before anyone decided. */
export const RequestCancelledV1 = defineEvent({
  service: 'permissions',
  aggregate: 'request',
  event: 'cancelled',
  version: 1,
  aggregateId: (payload) => payload.requestId,
  payload: z.object({ ...requestEventBase, reason: z.string() }),
});
