import { z } from 'zod';
import { ActorSchema } from '../common/envelope';
import { CalendarDateSchema, ReasonTextSchema, IsoTimestampSchema } from './common';

/**
 * Why a responsibility revision was made: set by hand (`manual`), with the item (`item_created`),
 * or by a reorganisation of departments (`reorganisation`, from a merge/dissolution or the bulk
 * reassignment operation).
 */
export const REVISION_TRIGGERS = ['item_created', 'manual', 'reorganisation'] as const;
export type RevisionTrigger = (typeof REVISION_TRIGGERS)[number];

/** One entry of an item's 责任分工 history; revisions never change once recorded. */
export const ResponsibilityRevisionSchema = z.object({
  id: z.uuid(),
  itemId: z.uuid(),
  /** 1, 2, 3 … per item, in the order recorded. */
  revisionNo: z.number().int(),
  leadDepartmentId: z.uuid(),
  coDepartmentIds: z.array(z.uuid()),
  reason: z.string(),
  /** From this Asia/Shanghai date on, these departments are responsible. */
  effectiveDate: CalendarDateSchema,
  trigger: z.enum(REVISION_TRIGGERS),
  /** The reorganisation (event or request) that caused it, when trigger = reorganisation. */
  reorganisationRef: z.string().nullable(),
  recordedAt: IsoTimestampSchema,
  recordedBy: ActorSchema,
});
export type ResponsibilityRevision = z.infer<typeof ResponsibilityRevisionSchema>;

/** GET /catalogue/items/{id}/responsibility?at=YYYY-MM-DD */
export const GetResponsibilityQuerySchema = z.object({ at: CalendarDateSchema.optional() }).strict();
export const GetResponsibilitySchema = GetResponsibilityQuerySchema.extend({ itemId: z.uuid() }).strict();
export type GetResponsibility = z.infer<typeof GetResponsibilitySchema>;

export const ResponsibilityViewSchema = z.object({
  itemId: z.uuid(),
  /** The date asked about (today in Asia/Shanghai without `at`). */
  at: CalendarDateSchema,
  /** Who was responsible on `at`: null before the first revision took effect. */
  responsible: ResponsibilityRevisionSchema.nullable(),
  /** Every revision, oldest first. */
  history: z.array(ResponsibilityRevisionSchema),
});
export type ResponsibilityView = z.infer<typeof ResponsibilityViewSchema>;

const CoDepartmentIdsSchema = z
  .array(z.uuid())
  .max(30)
  .refine((ids) => new Set(ids).size === ids.length, 'list each department once');

/** PUT /catalogue/items/{id}/responsibility: a new revision (history is never rewritten). */
export const ReviseResponsibilityBodySchema = z
  .object({
    leadDepartmentId: z.uuid(),
    coDepartmentIds: CoDepartmentIdsSchema.default([]),
    reason: ReasonTextSchema,
    /** Not before the item's latest revision: history is appended in date order. */
    effectiveDate: CalendarDateSchema,
  })
  .strict()
  .refine((body) => !body.coDepartmentIds.includes(body.leadDepartmentId), {
    message: 'The lead department cannot also be a co-operating department',
    path: ['coDepartmentIds'],
  });
export type ReviseResponsibilityBody = z.infer<typeof ReviseResponsibilityBodySchema>;

export const ReviseResponsibilitySchema = z
  .object({
    itemId: z.uuid(),
    leadDepartmentId: z.uuid(),
    coDepartmentIds: CoDepartmentIdsSchema.default([]),
    reason: ReasonTextSchema,
    effectiveDate: CalendarDateSchema,
  })
  .strict()
  .refine((body) => !body.coDepartmentIds.includes(body.leadDepartmentId), {
    message: 'The lead department cannot also be a co-operating department',
    path: ['coDepartmentIds'],
  });
export type ReviseResponsibility = z.infer<typeof ReviseResponsibilitySchema>;

/**
 * `catalogue.responsibilities.reassign-department` (POST /catalogue/responsibilities/reassign-department):
 * after a merge or rename, every item a `from` department is responsible for (lead or co) gets a
 * revision naming `to` instead. The same runs on evt.permissions.department.merged / dissolved.
 */
export const ReassignDepartmentSchema = z
  .object({
    fromDepartmentIds: z
      .array(z.uuid())
      .min(1)
      .max(20)
      .refine((ids) => new Set(ids).size === ids.length, 'list each department once'),
    toDepartmentId: z.uuid(),
    reason: ReasonTextSchema,
    effectiveDate: CalendarDateSchema,
  })
  .strict()
  .refine((body) => !body.fromDepartmentIds.includes(body.toDepartmentId), {
    message: 'A department cannot be reassigned to itself',
    path: ['toDepartmentId'],
  });
export type ReassignDepartment = z.infer<typeof ReassignDepartmentSchema>;

export const ReassignmentResultSchema = z.object({
  /** The revisions recorded, one per item that changed. */
  revisions: z.array(ResponsibilityRevisionSchema),
  count: z.number().int(),
});
export type ReassignmentResult = z.infer<typeof ReassignmentResultSchema>;

/** GET /catalogue/responsibility-revisions/count?from=&to= (inclusive effective dates): a reported figure. */
export const CountRevisionsQuerySchema = z
  .object({ from: CalendarDateSchema, to: CalendarDateSchema })
  .strict()
  .refine((query) => query.from <= query.to, { message: '`from` must not be after `to`', path: ['to'] });
export type CountRevisionsQuery = z.infer<typeof CountRevisionsQuerySchema>;

export const RevisionCountSchema = z.object({
  from: CalendarDateSchema,
  to: CalendarDateSchema,
  /** Revisions of existing assignments (修订责任条目), first assignments of an item not counted. */
  revisions: z.number().int(),
  /** Items that were revised at least once. */
  itemsRevised: z.number().int(),
  /** First assignments of items (revision 1), for completeness. */
  initialAssignments: z.number().int(),
  byTrigger: z.object({ manual: z.number().int(), reorganisation: z.number().int() }),
});
export type RevisionCount = z.infer<typeof RevisionCountSchema>;
