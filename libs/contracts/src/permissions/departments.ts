import { z } from 'zod';
import { defineEvent } from '../common/event-definition';
import { IdParamSchema, ReasonSchema, TimestampSchema, UuidListQuerySchema } from './shared';

export const DEPARTMENT_TYPES = ['school', 'college', 'office', 'centre'] as const;
export type DepartmentType = (typeof DEPARTMENT_TYPES)[number];
export const DEPARTMENT_STATUSES = ['active', 'dissolved'] as const;
export type DepartmentStatus = (typeof DEPARTMENT_STATUSES)[number];

export const DepartmentSchema = z.object({
  id: z.uuid(),
  code: z.string(),
  name: z.string(),
  type: z.enum(DEPARTMENT_TYPES),
  parentId: z.uuid().nullable(),
  status: z.enum(DEPARTMENT_STATUSES),
  /** Set by a merge or dissolution: the department that took over its people and bindings (always sent by permissions). */
  successorId: z.uuid().nullable().optional(),
  dissolvedAt: TimestampSchema.nullable().optional(),
  createdAt: TimestampSchema,
  updatedAt: TimestampSchema,
});
export type Department = z.infer<typeof DepartmentSchema>;

export const DepartmentCodeSchema = z
  .string()
  .trim()
  .min(1)
  .max(32)
  .regex(/^[A-Za-z0-9][A-Za-z0-9_-]*$/, 'letters, digits, "-" and "_" only, starting with a letter or digit');
export const DepartmentNameSchema = z.string().trim().min(1).max(100);

export const CreateDepartmentSchema = z
  .object({
    code: DepartmentCodeSchema,
    name: DepartmentNameSchema,
    type: z.enum(DEPARTMENT_TYPES),
    parentId: z.uuid().nullable().optional(),
  })
  .strict();
export type CreateDepartment = z.infer<typeof CreateDepartmentSchema>;

/** `permissions.departments.list` (GET /departments). */
export const ListDepartmentsSchema = UuidListQuerySchema.extend({
  status: z.enum(DEPARTMENT_STATUSES).optional(),
  parentId: z.uuid().optional(),
  type: z.enum(DEPARTMENT_TYPES).optional(),
}).strict();
export type ListDepartments = z.infer<typeof ListDepartmentsSchema>;

/** `permissions.departments.get` (GET /departments/{id}). */
export const GetDepartmentSchema = IdParamSchema;

/**
 * PATCH /departments/{id}: rename in place or move under another parent (`parentId: null` makes
 * it a root). A parent that is the department itself or one of its descendants is refused
 * (VALIDATION_FAILED, the tree would get a cycle). A rename with an effective date and reason
 * is a reorganisation (`permissions.reorganisations.rename`).
 */
export const UpdateDepartmentBodySchema = z
  .object({
    name: DepartmentNameSchema.optional(),
    parentId: z.uuid().nullable().optional(),
    reason: ReasonSchema.optional(),
  })
  .strict()
  .refine((body) => body.name !== undefined || body.parentId !== undefined, {
    message: 'Give `name` or `parentId` (or both) to change',
  });
export type UpdateDepartmentBody = z.infer<typeof UpdateDepartmentBodySchema>;
export const UpdateDepartmentSchema = z
  .object({
    id: z.uuid(),
    name: DepartmentNameSchema.optional(),
    parentId: z.uuid().nullable().optional(),
    reason: ReasonSchema.optional(),
  })
  .strict()
  .refine((body) => body.name !== undefined || body.parentId !== undefined, {
    message: 'Give `name` or `parentId` (or both) to change',
  });
export type UpdateDepartment = z.infer<typeof UpdateDepartmentSchema>;

/** One state a department was in (department_revision): history survives renames and merges. */
export const DepartmentRevisionSchema = z.object({
  seq: z.number().int(),
  departmentId: z.uuid(),
  code: z.string(),
  name: z.string(),
  type: z.enum(DEPARTMENT_TYPES),
  parentId: z.uuid().nullable(),
  status: z.enum(DEPARTMENT_STATUSES),
  effectiveFrom: TimestampSchema,
  reorganisationId: z.uuid().nullable(),
  recordedAt: TimestampSchema,
});
export type DepartmentRevision = z.infer<typeof DepartmentRevisionSchema>;

/** `permissions.departments.history` (GET /departments/{id}/history): oldest first. */
export const GetDepartmentHistorySchema = IdParamSchema;
export const DepartmentHistorySchema = z.object({ items: z.array(DepartmentRevisionSchema) });
export type DepartmentHistory = z.infer<typeof DepartmentHistorySchema>;

/** A department as events carry it after a change (projections upsert these). */
export const DepartmentStateSchema = z.object({
  departmentId: z.uuid(),
  code: z.string(),
  name: z.string(),
  type: z.enum(DEPARTMENT_TYPES),
  parentId: z.uuid().nullable(),
  status: z.enum(DEPARTMENT_STATUSES),
  successorId: z.uuid().nullable(),
});
export type DepartmentState = z.infer<typeof DepartmentStateSchema>;

export const DepartmentCreatedV1 = defineEvent({
  service: 'permissions',
  aggregate: 'department',
  event: 'created',
  version: 1,
  aggregateId: (payload) => payload.departmentId,
  payload: z.object({
    departmentId: z.uuid(),
    code: z.string(),
    name: z.string(),
    type: z.enum(DEPARTMENT_TYPES),
    parentId: z.uuid().nullable(),
    status: z.enum(DEPARTMENT_STATUSES),
  }),
});

/** PATCH /departments/{id}: renamed in place and/or re-parented. */
export const DepartmentUpdatedV1 = defineEvent({
  service: 'permissions',
  aggregate: 'department',
  event: 'updated',
  version: 1,
  aggregateId: (payload) => payload.departmentId,
  payload: z.object({
    departmentId: z.uuid(),
    code: z.string(),
    name: z.string(),
    type: z.enum(DEPARTMENT_TYPES),
    parentId: z.uuid().nullable(),
    status: z.enum(DEPARTMENT_STATUSES),
    previousName: z.string(),
    previousParentId: z.uuid().nullable(),
    reason: z.string().nullable(),
    /** Departments whose decisions may change (for decision caches): this one. */
    affectedDepartmentIds: z.array(z.uuid()),
  }),
});
