import { z } from 'zod';
import { ListQuerySchema, pageSchema } from '../common/pagination';
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
  'department_merged',
  'department_dissolved',
  'responsibility_revised',
] as const;
export type TaskMoveCause = (typeof TASK_MOVE_CAUSES)[number];

/** `rounds.tasks.submit` (POST /tasks/{id}/submit): by a liaison of the task's department. */
export const SubmitTaskSchema = z
  .object({
    taskId: z.uuid(),
    noChange: z.boolean().default(false),
    /** Why the item stays as published (required with `noChange`). */
    noChangeReason: ReasonTextSchema.optional(),
    /** The new content (required unless `noChange`). */
    content: ApprovedContentSchema.optional(),
    /** When the information changed (starts the item's time limit). */
    informationChangedAt: BusinessTimeSchema.optional(),
    occurredAt: BusinessTimeSchema.optional(),
  })
  .strict()
  .superRefine((body, context) => {
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
  });
export type SubmitTask = z.infer<typeof SubmitTaskSchema>;

/** The secrecy check (保密审查) in the department review. */
export const SECRECY_DECISIONS = ['cleared', 'not_cleared'] as const;

/**
 * `rounds.tasks.review` (POST /tasks/{id}/review): by a reviewer of the task's department, with the
 * secrecy sign-off. `not_cleared` sends the task back to the liaison with the comments.
 */
export const ReviewTaskSchema = z
  .object({
    taskId: z.uuid(),
    secrecyReviewerName: z.string().trim().min(1).max(100),
    secrecyDecision: z.enum(SECRECY_DECISIONS),
    comments: z.string().trim().max(4000).optional(),
    occurredAt: BusinessTimeSchema.optional(),
  })
  .strict()
  .refine((body) => body.secrecyDecision === 'cleared' || body.comments !== undefined, {
    message: 'say what must change when the secrecy check is not cleared',
    path: ['comments'],
  });

/** `rounds.tasks.approve` (POST /tasks/{id}/approve): by the disclosure office, after the review. */
export const ApproveTaskSchema = z
  .object({
    taskId: z.uuid(),
    comments: z.string().trim().max(4000).optional(),
    occurredAt: BusinessTimeSchema.optional(),
  })
  .strict();

/** `rounds.tasks.return` (POST /tasks/{id}/return): the office sends it back to pending, counted. */
export const ReturnTaskSchema = z
  .object({ taskId: z.uuid(), comments: ReasonTextSchema, occurredAt: BusinessTimeSchema.optional() })
  .strict();

export const GetTaskSchema = z.object({ taskId: z.uuid() }).strict();

/** Lists for the people who work them: a round's, a department's, mine (as liaison or reviewer). */
export const ListTasksQuerySchema = ListQuerySchema.extend({
  roundId: z.uuid().optional(),
  departmentId: z.uuid().optional(),
  status: z.enum(TASK_STATUSES).optional(),
  overdue: z
    .enum(['true', 'false'])
    .transform((value) => value === 'true')
    .optional(),
  flagged: z
    .enum(['true', 'false'])
    .transform((value) => value === 'true')
    .optional(),
  /** Tasks the caller works: `liaison` (assigned to them), `reviewer` (their departments' tasks to review). */
  mine: z.enum(['liaison', 'reviewer']).optional(),
}).strict();

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
