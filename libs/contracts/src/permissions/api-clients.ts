import { z } from 'zod';
import { defineEvent } from '../common/event-definition';
import { RoleBindingSchema } from './bindings';
import { ACTABLE_ROLES, ROLES } from './roles';
import { IdParamSchema, ReasonSchema, TimestampSchema, UuidListQuerySchema } from './shared';

export const API_CLIENT_STATUSES = ['active', 'revoked'] as const;
export type ApiClientStatus = (typeof API_CLIENT_STATUSES)[number];

/**
 * A campus system calling the API. Its key `gk_<id without dashes>_<secret>` is shown once, at
 * creation or rotation; only a scrypt hash is kept. Its permissions are role bindings with
 * subjectType `client`.
 */
export const ApiClientSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  status: z.enum(API_CLIENT_STATUSES),
  mayActForPersons: z.boolean(),
  /**
   * With `mayActForPersons`: it may act only for active people all of whose roles are among these
   * (never for a disclosure administrator). Empty: only for people who hold no role.
   */
  actForRoles: z.array(z.enum(ROLES)),
  mayBackdate: z.boolean(),
  /** The key's last characters, so people can tell keys apart. */
  secretHint: z.string(),
  createdAt: TimestampSchema,
  rotatedAt: TimestampSchema.nullable(),
  revokedAt: TimestampSchema.nullable(),
});
export type ApiClient = z.infer<typeof ApiClientSchema>;

/** A role for the client, granted with it (school-wide roles take no departmentId). */
export const ApiClientRoleSchema = z
  .object({
    role: z.enum(ROLES),
    departmentId: z.uuid().nullable().default(null),
    validFrom: TimestampSchema.optional(),
    validTo: TimestampSchema.nullable().optional(),
  })
  .strict();

/** `permissions.api-clients.create` (POST /api-clients). */
export const CreateApiClientSchema = z
  .object({
    name: z.string().trim().min(1).max(100),
    mayActForPersons: z.boolean().default(false),
    /** The roles of the people it may act for (X-Acting-Person); never `disclosure_admin`. */
    actForRoles: z
      .array(z.enum(ACTABLE_ROLES))
      .max(ACTABLE_ROLES.length)
      .refine((roles) => new Set(roles).size === roles.length, 'Name each role once')
      .default([]),
    mayBackdate: z.boolean().default(false),
    roles: z.array(ApiClientRoleSchema).max(20).default([]),
    reason: ReasonSchema.optional(),
  })
  .strict();
export type CreateApiClient = z.infer<typeof CreateApiClientSchema>;

/** The reply to create and rotate: the only time the key is ever shown. */
export const IssuedApiKeySchema = z.object({
  client: ApiClientSchema,
  /** `gk_<client id without dashes>_<secret>`; store it now, it cannot be shown again. */
  apiKey: z.string(),
  bindings: z.array(RoleBindingSchema),
});
export type IssuedApiKey = z.infer<typeof IssuedApiKeySchema>;

/** `permissions.api-clients.rotate` (POST /api-clients/{id}/rotate): a new key; the old one stops working at once. */
export const RotateApiClientKeyBodySchema = z.object({ reason: ReasonSchema.optional() }).strict();
export const RotateApiClientKeySchema = z.object({ id: z.uuid(), reason: ReasonSchema.optional() }).strict();
export type RotateApiClientKey = z.infer<typeof RotateApiClientKeySchema>;

/** `permissions.api-clients.revoke` (POST /api-clients/{id}/revoke): the key and every binding end. */
export const RevokeApiClientBodySchema = z.object({ reason: ReasonSchema }).strict();
export const RevokeApiClientSchema = z.object({ id: z.uuid(), reason: ReasonSchema }).strict();
export type RevokeApiClient = z.infer<typeof RevokeApiClientSchema>;

/** `permissions.api-clients.get` (GET /api-clients/{id}). */
export const GetApiClientSchema = IdParamSchema;

/** `permissions.api-clients.list` (GET /api-clients). */
export const ListApiClientsSchema = UuidListQuerySchema.extend({
  status: z.enum(API_CLIENT_STATUSES).optional(),
}).strict();
export type ListApiClients = z.infer<typeof ListApiClientsSchema>;

const clientEventBase = {
  clientId: z.uuid(),
  /** Always `client`; with subjectId, which decision-cache entries (and cached keys) to drop. */
  subjectType: z.literal('client'),
  subjectId: z.uuid(),
};

export const ClientCreatedV1 = defineEvent({
  service: 'permissions',
  aggregate: 'client',
  event: 'created',
  version: 1,
  aggregateId: (payload) => payload.clientId,
  payload: z.object({
    ...clientEventBase,
    name: z.string(),
    mayActForPersons: z.boolean(),
    mayBackdate: z.boolean(),
    roles: z.array(z.enum(ROLES)),
  }),
});

/** The old key no longer authenticates: drop any cached authentication of this client. */
export const ClientRotatedV1 = defineEvent({
  service: 'permissions',
  aggregate: 'client',
  event: 'rotated',
  version: 1,
  aggregateId: (payload) => payload.clientId,
  payload: z.object({ ...clientEventBase, rotatedAt: TimestampSchema }),
});

export const ClientRevokedV1 = defineEvent({
  service: 'permissions',
  aggregate: 'client',
  event: 'revoked',
  version: 1,
  aggregateId: (payload) => payload.clientId,
  payload: z.object({
    ...clientEventBase,
    revokedAt: TimestampSchema,
    reason: z.string(),
    endedBindingIds: z.array(z.uuid()),
  }),
});
