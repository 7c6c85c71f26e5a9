import { z } from 'zod';
import { ActorSchema } from '../common/envelope';
import { IdCursorSchema, ListQuerySchema, pageSchema } from '../common/pagination';
import {
  BusinessTimeSchema,
  CalendarDateSchema,
  IsoTimestampSchema,
  ReasonTextSchema,
} from '../catalogue/common';
import { DIFF_OPS } from '../catalogue/publications';
import { ApprovedContentSchema } from './tasks';

/** pending → submitted → reviewed → approved → published (a return sends it back to pending). */
export const TASK_STATUSES = ['pending', 'submitted', 'reviewed', 'approved', 'published'] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];

/** Why a task changed hands (文件异常流程 and reorganisations), recorded on the task. */
export const TASK_MOVE_CAUSES = [
  'liaison_transferred',
  'liaison_departed',
  'liaison_binding_ended',
  /** On leave: every permission is suspended, so the work goes to a liaison who can do it. */
  'liaison_on_leave',
  'department_merged',
  'department_dissolved',
  'responsibility_revised',
  /** A flagged task (nobody to work it) got a liaison when one was appointed in its department. */
  'liaison_appointed',
] as const;
export type TaskMoveCause = (typeof TASK_MOVE_CAUSES)[number];

const submitFields = {
  noChange: z.boolean().default(false),
  /** Why the item stays as published (required with `noChange`). */
  noChangeReason: ReasonTextSchema.optional(),
  /** The new content (required unless `noChange`). */
  content: ApprovedContentSchema.optional(),
  /** When the information changed (starts the item's time limit). */
  informationChangedAt: BusinessTimeSchema.optional(),
  occurredAt: BusinessTimeSchema.optional(),
};

function refineSubmission(
  body: { noChange: boolean; noChangeReason?: string; content?: unknown },
  context: z.RefinementCtx,
): void {
  if (body.noChange && body.noChangeReason === undefined) {
    context.addIssue({ code: 'custom', path: ['noChangeReason'], message: 'say why nothing changed' });
  }
  if (body.noChange && body.content !== undefined) {
    context.addIssue({ code: 'custom', path: ['content'], message: 'leave content out with noChange' });
  }
  if (!body.noChange && body.content === undefined) {
    context.addIssue({
      code: 'custom',
      path: ['content'],
      message: 'give the new content, or noChange with a reason',
    });
  }
}

/** POST /tasks/{id}/submit: the new content, or "no change" with a reason. */
export const SubmitTaskBodySchema = z.object(submitFields).strict().superRefine(refineSubmission);
export type SubmitTaskBody = z.infer<typeof SubmitTaskBodySchema>;

/** `rounds.tasks.submit` (POST /tasks/{id}/submit): by a liaison of the task's department. */
export const SubmitTaskSchema = z
  .object({ taskId: z.uuid(), ...submitFields })
  .strict()
  .superRefine(refineSubmission);
export type SubmitTask = z.infer<typeof SubmitTaskSchema>;

/** The secrecy check (保密审查) in the department review. */
export const SECRECY_DECISIONS = ['cleared', 'not_cleared'] as const;

const reviewFields = {
  secrecyReviewerName: z.string().trim().min(1).max(100),
  secrecyDecision: z.enum(SECRECY_DECISIONS),
  comments: z.string().trim().max(4000).optional(),
  occurredAt: BusinessTimeSchema.optional(),
};
const reviewRefinement = {
  check: (body: { secrecyDecision: string; comments?: string }) =>
    body.secrecyDecision === 'cleared' || body.comments !== undefined,
  params: { message: 'say what must change when the secrecy check is not cleared', path: ['comments'] },
};

/** POST /tasks/{id}/review: the department review with the secrecy sign-off. */
export const ReviewTaskBodySchema = z
  .object(reviewFields)
  .strict()
  .refine(reviewRefinement.check, reviewRefinement.params);
export type ReviewTaskBody = z.infer<typeof ReviewTaskBodySchema>;

/**
 * `rounds.tasks.review` (POST /tasks/{id}/review): by a reviewer of the task's department, with the
 * secrecy sign-off. `not_cleared` sends the task back to the liaison with the comments.
 */
export const ReviewTaskSchema = z
  .object({ taskId: z.uuid(), ...reviewFields })
  .strict()
  .refine(reviewRefinement.check, reviewRefinement.params);

/** POST /tasks/{id}/approve: the disclosure office approves the reviewed submission. */
export const ApproveTaskBodySchema = z
  .object({
    comments: z.string().trim().max(4000).optional(),
    occurredAt: BusinessTimeSchema.optional(),
  })
  .strict();
export type ApproveTaskBody = z.infer<typeof ApproveTaskBodySchema>;

/** `rounds.tasks.approve` (POST /tasks/{id}/approve): by the disclosure office, after the review. */
export const ApproveTaskSchema = ApproveTaskBodySchema.extend({ taskId: z.uuid() }).strict();

/** POST /tasks/{id}/return: what must change. */
export const ReturnTaskBodySchema = z
  .object({ comments: ReasonTextSchema, occurredAt: BusinessTimeSchema.optional() })
  .strict();
export type ReturnTaskBody = z.infer<typeof ReturnTaskBodySchema>;

/** `rounds.tasks.return` (POST /tasks/{id}/return): the office sends it back to pending, counted. */
export const ReturnTaskSchema = ReturnTaskBodySchema.extend({ taskId: z.uuid() }).strict();

export const GetTaskSchema = z.object({ taskId: z.uuid() }).strict();

/** `true`/`false` in a query string; the gateway forwards it parsed, as a boolean, which is taken too. */
const QueryBooleanSchema = z
  .preprocess((value) => (typeof value === 'boolean' ? String(value) : value), z.enum(['true', 'false']))
  .transform((value) => value === 'true');

/** Lists for the people who work them: a round's, a department's, mine (as liaison or reviewer). */
export const ListTasksQuerySchema = ListQuerySchema.extend({
  cursor: IdCursorSchema,
  roundId: z.uuid().optional(),
  departmentId: z.uuid().optional(),
  status: z.enum(TASK_STATUSES).optional(),
  overdue: QueryBooleanSchema.optional(),
  flagged: QueryBooleanSchema.optional(),
  /** Tasks the caller works: `liaison` (assigned to them), `reviewer` (their departments' tasks to review). */
  mine: z.enum(['liaison', 'reviewer']).optional(),
}).strict();
export type ListTasksQuery = z.infer<typeof ListTasksQuerySchema>;

/** GET /rounds/{id}/tasks: the same filters, the round from the path. */
export const ListRoundTasksQuerySchema = ListTasksQuerySchema.omit({ roundId: true }).strict();
export type ListRoundTasksQuery = z.infer<typeof ListRoundTasksQuerySchema>;

/** One line of a task's or round's history: what was done, by whom, when (business time) and when entered. */
export const HistoryEntrySchema = z.object({
  action: z.string(),
  actor: ActorSchema,
  /** Business time: when it happened (may lie in the past). */
  occurredAt: IsoTimestampSchema,
  /** When it was entered. */
  recordedAt: IsoTimestampSchema,
  comments: z.string().nullable(),
});
export type HistoryEntry = z.infer<typeof HistoryEntrySchema>;

export const TaskSubmissionSchema = z.object({
  noChange: z.boolean(),
  noChangeReason: z.string().nullable(),
  content: ApprovedContentSchema.nullable(),
  informationChangedAt: IsoTimestampSchema.nullable(),
  submittedBy: z.string(),
  submittedAt: IsoTimestampSchema,
  /** The version it was written against (null: the item was never published). */
  basePublicationId: z.uuid().nullable(),
  baseVersion: z.number().int().nullable(),
});

export const TaskReviewSchema = z.object({
  reviewerId: z.string(),
  secrecyReviewerName: z.string(),
  secrecyDecision: z.enum(SECRECY_DECISIONS),
  comments: z.string().nullable(),
  reviewedAt: IsoTimestampSchema,
});

export const TaskMoveSchema = z.object({
  cause: z.enum(TASK_MOVE_CAUSES),
  fromDepartmentId: z.uuid().nullable(),
  toDepartmentId: z.uuid().nullable(),
  fromAssigneeId: z.uuid().nullable(),
  toAssigneeId: z.uuid().nullable(),
  movedAt: IsoTimestampSchema,
});

export const TaskSchema = z.object({
  id: z.uuid(),
  roundId: z.uuid(),
  itemId: z.uuid(),
  itemCode: z.string(),
  itemTitle: z.string(),
  departmentId: z.uuid(),
  coDepartmentIds: z.array(z.uuid()),
  /** The liaison who works it; null when nobody in the department holds the role (then `flagged`). */
  assigneeId: z.uuid().nullable(),
  status: z.enum(TASK_STATUSES),
  deadline: CalendarDateSchema,
  overdue: z.boolean(),
  /** Flagged to the disclosure office: nobody is left to work it (文件异常流程). */
  flagged: z.boolean(),
  flagReason: z.string().nullable(),
  returnCount: z.number().int(),
  submission: TaskSubmissionSchema.nullable(),
  review: TaskReviewSchema.nullable(),
  approvedBy: z.string().nullable(),
  approvedAt: IsoTimestampSchema.nullable(),
  lastReturnComments: z.string().nullable(),
  publicationId: z.uuid().nullable(),
  publishedVersion: z.number().int().nullable(),
  publishedAt: IsoTimestampSchema.nullable(),
  publishedOnTime: z.boolean().nullable(),
  moves: z.array(TaskMoveSchema),
  /** Every step, oldest first: created, submitted, reviewed, returned, approved, published, moved, flagged. */
  history: z.array(HistoryEntrySchema),
  createdAt: IsoTimestampSchema,
  updatedAt: IsoTimestampSchema,
});
export type Task = z.infer<typeof TaskSchema>;
export const TaskPageSchema = pageSchema(TaskSchema);

/** What changes if the submission is approved, against the item's published version. */
export const TaskDiffSchema = z.object({
  taskId: z.uuid(),
  noChange: z.boolean(),
  basePublicationId: z.uuid().nullable(),
  baseVersion: z.number().int().nullable(),
  changedFields: z.array(z.string()),
  bodyDiff: z.array(z.object({ op: z.enum(DIFF_OPS), text: z.string() })),
});
export type TaskDiff = z.infer<typeof TaskDiffSchema>;
