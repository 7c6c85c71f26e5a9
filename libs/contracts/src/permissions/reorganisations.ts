import { z } from 'zod';
import { ActorSchema } from '../common/envelope';
import { defineEvent } from '../common/event-definition';
import { SUBJECT_TYPES } from './decisions';
import {
  DEPARTMENT_TYPES,
  DepartmentCodeSchema,
  DepartmentNameSchema,
  DepartmentSchema,
  DepartmentStateSchema,
} from './departments';
import { ROLES } from './roles';
import { ReasonSchema, TimestampSchema, UuidListQuerySchema } from './shared';

/**
 * Reorganisations (机构改革). Each is one transaction: departments change, people move (an
 * identity change of kind `transfer` with reason `reorganisation` each), their department-scoped
 * bindings move with them without approval (the office decided it: the old binding ends with
 * endReason `reorganisation` and the same role is granted on the new department), history is
 * written (department_revision, reorganisation) and the events below are emitted.
 *
 * `effectiveDate` is the calendar date (Asia/Shanghai) the change takes effect; today or earlier.
 */
export const REORGANISATION_KINDS = ['rename', 'merge', 'split', 'dissolve'] as const;
export type ReorganisationKind = (typeof REORGANISATION_KINDS)[number];

const EffectiveDateSchema = z.iso
  .date()
  .describe('Calendar date (YYYY-MM-DD, Asia/Shanghai) the change takes effect; not in the future');

/** A department a merge or split creates. Its parent defaults to the source's parent. */
export const NewDepartmentSchema = z
  .object({
    code: DepartmentCodeSchema,
    name: DepartmentNameSchema,
    type: z.enum(DEPARTMENT_TYPES),
    parentId: z.uuid().nullable().optional(),
  })
  .strict();
export type NewDepartment = z.infer<typeof NewDepartmentSchema>;

/** `permissions.reorganisations.rename` (POST /reorganisations/rename). */
export const RenameDepartmentSchema = z
  .object({
    departmentId: z.uuid(),
    name: DepartmentNameSchema,
    effectiveDate: EffectiveDateSchema,
    reason: ReasonSchema,
  })
  .strict();
export type RenameDepartment = z.infer<typeof RenameDepartmentSchema>;

/**
 * `permissions.reorganisations.merge` (POST /reorganisations/merge): A + B (+ …) → C, where C is
 * an existing active department (its id) or a new one. Sources become `dissolved` with
 * `successorId` C; their people, department-scoped bindings, open permission requests and child
 * departments move to C.
 */
export const MergeDepartmentsSchema = z
  .object({
    sourceIds: z.array(z.uuid()).min(2).max(20),
    target: z.union([z.uuid(), NewDepartmentSchema]),
    effectiveDate: EffectiveDateSchema,
    reason: ReasonSchema,
  })
  .strict();
export type MergeDepartments = z.infer<typeof MergeDepartmentsSchema>;

/**
 * `permissions.reorganisations.split` (POST /reorganisations/split): A → new B, C (…). Every
 * person of A must be assigned to a target (else PRECONDITION_FAILED naming who is left); A
 * becomes `dissolved` (no single successor). A may not have child departments: re-parent them
 * first (PATCH /departments/{id}). Bindings of API clients scoped to A end.
 */
export const SplitDepartmentSchema = z
  .object({
    sourceId: z.uuid(),
    targets: z.array(NewDepartmentSchema).min(2).max(20),
    assignments: z
      .array(z.object({ personId: z.uuid(), targetIndex: z.number().int().min(0) }).strict())
      .max(5000),
    effectiveDate: EffectiveDateSchema,
    reason: ReasonSchema,
  })
  .strict();
export type SplitDepartment = z.infer<typeof SplitDepartmentSchema>;

/**
 * `permissions.reorganisations.dissolve` (POST /reorganisations/dissolve). Without a successor,
 * nobody may still belong to it (PRECONDITION_FAILED names who does) and it may have no active
 * child departments; its remaining department-scoped bindings end. With a successor, people,
 * bindings, requests and children move there as in a merge.
 */
export const DissolveDepartmentSchema = z
  .object({
    departmentId: z.uuid(),
    successorId: z.uuid().optional(),
    effectiveDate: EffectiveDateSchema,
    reason: ReasonSchema,
  })
  .strict();
export type DissolveDepartment = z.infer<typeof DissolveDepartmentSchema>;

export const MovedPersonSchema = z.object({
  personId: z.uuid(),
  fromDepartmentId: z.uuid(),
  toDepartmentId: z.uuid(),
  identityChangeId: z.uuid(),
});
export type MovedPerson = z.infer<typeof MovedPersonSchema>;

/** A department-scoped binding carried over to the new department (old one ended, new one granted). */
export const MovedBindingSchema = z.object({
  fromBindingId: z.uuid(),
  toBindingId: z.uuid(),
  subjectType: z.enum(SUBJECT_TYPES),
  subjectId: z.uuid(),
  role: z.enum(ROLES),
  fromDepartmentId: z.uuid(),
  toDepartmentId: z.uuid(),
});
export type MovedBinding = z.infer<typeof MovedBindingSchema>;

export const EndedBindingRefSchema = z.object({
  bindingId: z.uuid(),
  subjectType: z.enum(SUBJECT_TYPES),
  subjectId: z.uuid(),
  role: z.enum(ROLES),
  departmentId: z.uuid().nullable(),
});
export type EndedBindingRef = z.infer<typeof EndedBindingRefSchema>;

/** What a reorganisation did; stored with it and carried (in part) by its event. */
export const ReorganisationDetailsSchema = z.object({
  /** Every department the reorganisation touched, as it is afterwards. */
  departments: z.array(DepartmentStateSchema),
  movedPeople: z.array(MovedPersonSchema),
  movedBindings: z.array(MovedBindingSchema),
  endedBindings: z.array(EndedBindingRefSchema),
  movedRequestIds: z.array(z.uuid()),
  reparentedDepartmentIds: z.array(z.uuid()),
});
export type ReorganisationDetails = z.infer<typeof ReorganisationDetailsSchema>;

export const ReorganisationSchema = z.object({
  id: z.uuid(),
  kind: z.enum(REORGANISATION_KINDS),
  effectiveDate: z.iso.date(),
  reason: z.string(),
  details: ReorganisationDetailsSchema,
  actor: ActorSchema,
  createdAt: TimestampSchema,
});
export type Reorganisation = z.infer<typeof ReorganisationSchema>;

/** The reply to every reorganisation command. */
export const ReorganisationResultSchema = z.object({
  reorganisation: ReorganisationSchema,
  /** The affected departments as they are now. */
  departments: z.array(DepartmentSchema),
});
export type ReorganisationResult = z.infer<typeof ReorganisationResultSchema>;

/** `permissions.reorganisations.list` (GET /reorganisations), newest last. */
export const ListReorganisationsSchema = UuidListQuerySchema.extend({
  departmentId: z.uuid().optional(),
}).strict();
export type ListReorganisations = z.infer<typeof ListReorganisationsSchema>;

const reorganisationEventBase = {
  reorganisationId: z.uuid(),
  effectiveDate: z.iso.date(),
  reason: z.string(),
  /** Every department whose decisions may change: decision caches drop entries for these. */
  affectedDepartmentIds: z.array(z.uuid()),
  /** The affected departments as they are afterwards (projections upsert these). */
  departments: z.array(DepartmentStateSchema),
  movedPeople: z.array(MovedPersonSchema),
  movedBindings: z.array(MovedBindingSchema),
  endedBindings: z.array(EndedBindingRefSchema),
};

export const DepartmentRenamedV1 = defineEvent({
  service: 'permissions',
  aggregate: 'department',
  event: 'renamed',
  version: 1,
  aggregateId: (payload) => payload.departmentId,
  otherAggregateIds: (payload) => payload.departments.map((department) => department.departmentId),
  payload: z.object({
    ...reorganisationEventBase,
    departmentId: z.uuid(),
    previousName: z.string(),
    name: z.string(),
  }),
});

export const DepartmentMergedV1 = defineEvent({
  service: 'permissions',
  aggregate: 'department',
  event: 'merged',
  version: 1,
  aggregateId: (payload) => payload.targetId,
  otherAggregateIds: (payload) => [
    ...payload.sourceIds,
    ...payload.departments.map((department) => department.departmentId),
  ],
  payload: z.object({
    ...reorganisationEventBase,
    sourceIds: z.array(z.uuid()),
    targetId: z.uuid(),
    /** True when the merge created the target (a department.created event precedes this one). */
    targetCreated: z.boolean(),
  }),
});

export const DepartmentSplitV1 = defineEvent({
  service: 'permissions',
  aggregate: 'department',
  event: 'split',
  version: 1,
  aggregateId: (payload) => payload.sourceId,
  otherAggregateIds: (payload) => [
    ...payload.targetIds,
    ...payload.departments.map((department) => department.departmentId),
  ],
  payload: z.object({
    ...reorganisationEventBase,
    sourceId: z.uuid(),
    /** The new departments, in the order of the command's `targets` (each also had department.created). */
    targetIds: z.array(z.uuid()),
  }),
});

export const DepartmentDissolvedV1 = defineEvent({
  service: 'permissions',
  aggregate: 'department',
  event: 'dissolved',
  version: 1,
  aggregateId: (payload) => payload.departmentId,
  otherAggregateIds: (payload) => payload.departments.map((department) => department.departmentId),
  payload: z.object({
    ...reorganisationEventBase,
    departmentId: z.uuid(),
    successorId: z.uuid().nullable(),
  }),
});
