import { z } from 'zod';
import { IdCursorSchema, ListQuerySchema, pageSchema } from '../common/pagination';
import {
  BusinessTimeSchema,
  CalendarDateSchema,
  CategoryCodeSchema,
  IsoTimestampSchema,
  ReasonTextSchema,
} from '../catalogue/common';
import { HistoryEntrySchema } from './task-schemas';

/** Spring (notice in June) and autumn (notice in October) rounds, as in the seed year. */
export const ROUND_HALVES = ['spring', 'autumn'] as const;
export type RoundHalf = (typeof ROUND_HALVES)[number];

export const ROUND_STATUSES = ['draft', 'open', 'closed'] as const;
export type RoundStatus = (typeof ROUND_STATUSES)[number];

/** `2023-2024`: the academic year from 1 September to 31 August. */
export const AcademicYearSchema = z
  .string()
  .regex(/^\d{4}-\d{4}$/, 'write the academic year as 2023-2024')
  .refine(
    (year) => Number(year.slice(5)) === Number(year.slice(0, 4)) + 1,
    'the second year follows the first',
  );

/**
 * Which items a round covers: `{}` every active item, or the active items of some categories, or
 * the items named.
 */
export const RoundScopeSchema = z.union([
  z.object({ categoryCodes: z.array(CategoryCodeSchema).min(1).max(100) }).strict(),
  z.object({ itemIds: z.array(z.uuid()).min(1).max(2000) }).strict(),
  z.object({}).strict(),
]);
export type RoundScope = z.infer<typeof RoundScopeSchema>;

/** The deadline: a date, or N Chinese working days after the notice date (holidays and 调休 counted). */
export const DeadlineRuleSchema = z.union([
  z.object({ date: CalendarDateSchema }).strict(),
  z.object({ workingDaysAfterNotice: z.number().int().min(1).max(120) }).strict(),
]);
export type DeadlineRule = z.infer<typeof DeadlineRuleSchema>;

const RoundNameSchema = z.string().trim().min(1).max(200);
const NoticeTextSchema = z.string().trim().min(1).max(20_000);
/** Working days before the deadline on which the task's holders are reminded, e.g. [3, 1]. */
const ReminderDaysSchema = z
  .array(z.number().int().min(1).max(30))
  .max(5)
  .refine((days) => new Set(days).size === days.length, 'list each day once');

/** `rounds.rounds.create` (POST /rounds): a draft round; nothing happens until it is opened. */
export const CreateRoundSchema = z
  .object({
    name: RoundNameSchema,
    academicYear: AcademicYearSchema,
    half: z.enum(ROUND_HALVES),
    noticeText: NoticeTextSchema,
    noticeDate: CalendarDateSchema,
    scope: RoundScopeSchema.default({}),
    deadline: DeadlineRuleSchema,
    reminderWorkingDaysBefore: ReminderDaysSchema.default([3, 1]),
    occurredAt: BusinessTimeSchema.optional(),
  })
  .strict();
export type CreateRound = z.infer<typeof CreateRoundSchema>;

/** POST /rounds/{id}/open (the body may be left out). */
export const OpenRoundBodySchema = z.object({ occurredAt: BusinessTimeSchema.optional() }).strict();
export type OpenRoundBody = z.infer<typeof OpenRoundBodySchema>;

/** `rounds.rounds.open` (POST /rounds/{id}/open): takes the items in scope, one task per item. */
export const OpenRoundSchema = OpenRoundBodySchema.extend({ roundId: z.uuid() }).strict();

const closeFields = {
  force: z.boolean().default(false),
  reason: ReasonTextSchema.optional(),
  occurredAt: BusinessTimeSchema.optional(),
};
const closeRefinement = {
  check: (body: { force: boolean; reason?: string }) => !body.force || body.reason !== undefined,
  params: { message: 'give a reason when forcing a round closed', path: ['reason'] },
};

/** POST /rounds/{id}/close (the body may be left out). */
export const CloseRoundBodySchema = z
  .object(closeFields)
  .strict()
  .refine(closeRefinement.check, closeRefinement.params);
export type CloseRoundBody = z.infer<typeof CloseRoundBodySchema>;

/**
 * `rounds.rounds.close` (POST /rounds/{id}/close): only when no task is between submitted and
 * approved, unless `force` with a reason.
 */
export const CloseRoundSchema = z
  .object({ roundId: z.uuid(), ...closeFields })
  .strict()
  .refine(closeRefinement.check, closeRefinement.params);

export const GetRoundSchema = z.object({ roundId: z.uuid() }).strict();

export const ListRoundsQuerySchema = ListQuerySchema.extend({
  cursor: IdCursorSchema,
  academicYear: AcademicYearSchema.optional(),
  status: z.enum(ROUND_STATUSES).optional(),
}).strict();

/**
 * The counts a closed round records. A task counts as done once the office approved it: the
 * catalogue then publishes it (or confirms "no change") exactly once, so the counts stay true
 * while the last publications arrive.
 */
export const RoundSummarySchema = z.object({
  inScope: z.number().int(),
  /** Approved with new content (published by the catalogue as the item's next version). */
  updated: z.number().int(),
  /** Approved as "no change" (confirmed by the catalogue). */
  unchanged: z.number().int(),
  returnedAtLeastOnce: z.number().int(),
  /** Submitted after the deadline (Asia/Shanghai date), or not submitted by it. */
  overdue: z.number().int(),
  /** Approved (so published or confirmed) after a submission made by the deadline. */
  publishedOnTime: z.number().int(),
  /** publishedOnTime / inScope, 0…1 with four decimals; null for an empty round. */
  onTimeRate: z.number().nullable(),
  /** Still open when the round was forced closed. */
  unfinished: z.number().int(),
});
export type RoundSummary = z.infer<typeof RoundSummarySchema>;

export const RoundSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  academicYear: z.string(),
  half: z.enum(ROUND_HALVES),
  noticeText: z.string(),
  noticeDate: CalendarDateSchema,
  scope: RoundScopeSchema,
  deadlineRule: DeadlineRuleSchema,
  /** The deadline date (Asia/Shanghai); tasks are overdue from the next day on. */
  deadline: CalendarDateSchema,
  reminderWorkingDaysBefore: z.array(z.number().int()),
  status: z.enum(ROUND_STATUSES),
  openedAt: IsoTimestampSchema.nullable(),
  closedAt: IsoTimestampSchema.nullable(),
  closedForcedReason: z.string().nullable(),
  taskCount: z.number().int(),
  /** Recorded when the round closed. */
  summary: RoundSummarySchema.nullable(),
  /** Who created, opened and closed it, and when. */
  history: z.array(HistoryEntrySchema),
  createdAt: IsoTimestampSchema,
  updatedAt: IsoTimestampSchema,
});
export type Round = z.infer<typeof RoundSchema>;
export const RoundPageSchema = pageSchema(RoundSchema);

/** A round's progress per department (GET /rounds/{id}/progress). */
export const RoundProgressSchema = z.object({
  roundId: z.uuid(),
  departments: z.array(
    z.object({
      departmentId: z.uuid(),
      departmentName: z.string().nullable(),
      pending: z.number().int(),
      submitted: z.number().int(),
      reviewed: z.number().int(),
      approved: z.number().int(),
      published: z.number().int(),
      overdue: z.number().int(),
      flagged: z.number().int(),
    }),
  ),
});
export type RoundProgress = z.infer<typeof RoundProgressSchema>;
