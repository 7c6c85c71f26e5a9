import { z } from 'zod';
import { ActorSchema } from '../common/envelope';
import { defineEvent } from '../common/event-definition';
import { EffectivePermissionSchema } from './bindings';
import { EndedBindingRefSchema, MovedBindingSchema } from './reorganisations';
import { ROLES } from './roles';
import {
  IdParamSchema,
  OccurredAtSchema,
  ReasonSchema,
  TimestampSchema,
  UuidListQuerySchema,
} from './shared';

export const IDENTITY_TYPES = ['staff', 'student', 'external'] as const;
export type IdentityType = (typeof IDENTITY_TYPES)[number];
export const PERSON_STATUSES = ['active', 'on_leave', 'departed'] as const;
export type PersonStatus = (typeof PERSON_STATUSES)[number];

export const StaffNoSchema = z
  .string()
  .trim()
  .min(1)
  .max(32)
  .regex(/^[A-Za-z0-9][A-Za-z0-9_-]*$/, 'letters, digits, "-" and "_" only');
export const PostSchema = z.string().trim().min(1).max(100);

export const PersonSchema = z.object({
  id: z.uuid(),
  /** Staff or student number, unique across the university. */
  staffNo: z.string(),
  name: z.string(),
  departmentId: z.uuid(),
  identityType: z.enum(IDENTITY_TYPES),
  status: z.enum(PERSON_STATUSES),
  post: z.string().nullable(),
  createdAt: TimestampSchema,
  updatedAt: TimestampSchema,
});
export type Person = z.infer<typeof PersonSchema>;

/** `permissions.people.create` (POST /people): the person joins `departmentId`. */
export const CreatePersonSchema = z
  .object({
    staffNo: StaffNoSchema,
    name: z.string().trim().min(1).max(100),
    departmentId: z.uuid(),
    identityType: z.enum(IDENTITY_TYPES),
    post: PostSchema.optional(),
    occurredAt: OccurredAtSchema.optional(),
    reason: ReasonSchema.optional(),
  })
  .strict();
export type CreatePerson = z.infer<typeof CreatePersonSchema>;

/** `permissions.people.get` (GET /people/{id}). */
export const GetPersonSchema = IdParamSchema;

/** `permissions.people.list` (GET /people). */
export const ListPeopleSchema = UuidListQuerySchema.extend({
  departmentId: z.uuid().optional(),
  status: z.enum(PERSON_STATUSES).optional(),
  staffNo: z.string().trim().min(1).max(32).optional(),
}).strict();
export type ListPeople = z.infer<typeof ListPeopleSchema>;

/**
 * Identity changes (人员身份变更), POST /people/{id}/identity-changes:
 * - `join`: a departed person joins again (a new person joins through POST /people);
 * - `transfer`: to another department; bindings scoped to the old department end and a
 *   permission request for the same role in the new department is opened for each;
 * - `post_change`: a new post (职务), bindings unchanged;
 * - `leave`: on leave, every decision denies while on leave, bindings stay;
 * - `return`: back from leave;
 * - `depart`: every binding ends at once and open permission requests are cancelled.
 */
export const IDENTITY_CHANGE_KINDS = [
  'join',
  'transfer',
  'post_change',
  'leave',
  'return',
  'depart',
] as const;
export type IdentityChangeKind = (typeof IDENTITY_CHANGE_KINDS)[number];

const changeCommon = { occurredAt: OccurredAtSchema.optional(), reason: ReasonSchema.optional() };
const changeVariants = {
  join: { kind: z.literal('join'), toDepartmentId: z.uuid(), post: PostSchema.optional() },
  transfer: { kind: z.literal('transfer'), toDepartmentId: z.uuid(), post: PostSchema.optional() },
  post_change: { kind: z.literal('post_change'), post: PostSchema },
  leave: { kind: z.literal('leave') },
  return: { kind: z.literal('return') },
  depart: { kind: z.literal('depart') },
} as const;

/** The HTTP body of POST /people/{id}/identity-changes. */
export const IdentityChangeBodySchema = z.discriminatedUnion('kind', [
  z.object({ ...changeVariants.join, ...changeCommon }).strict(),
  z.object({ ...changeVariants.transfer, ...changeCommon }).strict(),
  z.object({ ...changeVariants.post_change, ...changeCommon }).strict(),
  z.object({ ...changeVariants.leave, ...changeCommon }).strict(),
  z.object({ ...changeVariants.return, ...changeCommon }).strict(),
  z.object({ ...changeVariants.depart, ...changeCommon }).strict(),
]);
export type IdentityChangeBody = z.infer<typeof IdentityChangeBodySchema>;

/** `permissions.identity-changes.record`: the body above plus the person's id. */
const personId = { personId: z.uuid() };
export const RecordIdentityChangeSchema = z.discriminatedUnion('kind', [
  z.object({ ...personId, ...changeVariants.join, ...changeCommon }).strict(),
  z.object({ ...personId, ...changeVariants.transfer, ...changeCommon }).strict(),
  z.object({ ...personId, ...changeVariants.post_change, ...changeCommon }).strict(),
  z.object({ ...personId, ...changeVariants.leave, ...changeCommon }).strict(),
  z.object({ ...personId, ...changeVariants.return, ...changeCommon }).strict(),
  z.object({ ...personId, ...changeVariants.depart, ...changeCommon }).strict(),
]);
export type RecordIdentityChange = z.infer<typeof RecordIdentityChangeSchema>;

export const IdentityChangeSchema = z.object({
  id: z.uuid(),
  personId: z.uuid(),
  kind: z.enum(IDENTITY_CHANGE_KINDS),
  fromDepartmentId: z.uuid().nullable(),
  toDepartmentId: z.uuid().nullable(),
  fromPost: z.string().nullable(),
  toPost: z.string().nullable(),
  fromStatus: z.string().nullable(),
  toStatus: z.string().nullable(),
  /** Business time. */
  occurredAt: TimestampSchema,
  reason: z.string().nullable(),
  actor: ActorSchema,
  createdAt: TimestampSchema,
});
export type IdentityChange = z.infer<typeof IdentityChangeSchema>;

export const OpenedRequestRefSchema = z.object({
  requestId: z.uuid(),
  role: z.enum(ROLES),
  departmentId: z.uuid().nullable(),
});
export type OpenedRequestRef = z.infer<typeof OpenedRequestRefSchema>;

/** The reply to `permissions.identity-changes.record`. */
export const IdentityChangeResultSchema = z.object({
  change: IdentityChangeSchema,
  person: PersonSchema,
  endedBindings: z.array(EndedBindingRefSchema),
  openedRequests: z.array(OpenedRequestRefSchema),
  cancelledRequestIds: z.array(z.uuid()),
});
export type IdentityChangeResult = z.infer<typeof IdentityChangeResultSchema>;

/** `permissions.identity-changes.list` (GET /people/{id}/identity-changes), oldest first. */
export const ListIdentityChangesSchema = UuidListQuerySchema.extend({ personId: z.uuid() }).strict();
export type ListIdentityChanges = z.infer<typeof ListIdentityChangesSchema>;

/** `permissions.people.access` (GET /people/{id}/access): what can this person do, where, until when. */
export const GetPersonAccessSchema = z
  .object({ personId: z.uuid(), at: TimestampSchema.optional() })
  .strict();
export type GetPersonAccess = z.infer<typeof GetPersonAccessSchema>;

export const PersonAccessSchema = z.object({
  personId: z.uuid(),
  status: z.enum(PERSON_STATUSES),
  departmentId: z.uuid(),
  /** When the answer was computed for. */
  at: TimestampSchema,
  /** False while on leave or departed: every decision denies, whatever the bindings say. */
  usable: z.boolean(),
  /** Bindings in force at `at`. */
  permissions: z.array(EffectivePermissionSchema),
  /** Bindings that start after `at`. */
  upcoming: z.array(EffectivePermissionSchema),
});
export type PersonAccess = z.infer<typeof PersonAccessSchema>;

export const PersonCreatedV1 = defineEvent({
  service: 'permissions',
  aggregate: 'person',
  event: 'created',
  version: 1,
  aggregateId: (payload) => payload.personId,
  payload: z.object({
    personId: z.uuid(),
    staffNo: z.string(),
    name: z.string(),
    departmentId: z.uuid(),
    identityType: z.enum(IDENTITY_TYPES),
    status: z.enum(PERSON_STATUSES),
    post: z.string().nullable(),
  }),
});

/**
 * A person's identity changed. Rounds and complaints reassign the person's open work from
 * `fromDepartmentId` when the kind is transfer or depart (文件异常流程).
 */
export const PersonIdentityChangedV1 = defineEvent({
  service: 'permissions',
  aggregate: 'person',
  event: 'identity-changed',
  version: 1,
  aggregateId: (payload) => payload.personId,
  payload: z.object({
    identityChangeId: z.uuid(),
    personId: z.uuid(),
    /** Always `person`; with subjectId, which decision-cache entries to drop. */
    subjectType: z.literal('person'),
    subjectId: z.uuid(),
    kind: z.enum(IDENTITY_CHANGE_KINDS),
    fromDepartmentId: z.uuid().nullable(),
    toDepartmentId: z.uuid().nullable(),
    fromStatus: z.enum(PERSON_STATUSES).nullable(),
    toStatus: z.enum(PERSON_STATUSES).nullable(),
    fromPost: z.string().nullable(),
    toPost: z.string().nullable(),
    /** Business time of the change. */
    occurredAt: TimestampSchema,
    reason: z.string().nullable(),
    /** Set when a reorganisation moved the person (bindings then moved too, see movedBindings). */
    reorganisationId: z.uuid().nullable(),
    endedBindings: z.array(EndedBindingRefSchema),
    movedBindings: z.array(MovedBindingSchema),
    openedRequests: z.array(OpenedRequestRefSchema),
    cancelledRequestIds: z.array(z.uuid()),
  }),
});
