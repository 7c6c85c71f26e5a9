import { z } from 'zod';
import { defineEvent } from '../common/event-definition';
import { CalendarDateSchema, IsoTimestampSchema } from '../catalogue/common';
import { ROUND_HALVES, RoundScopeSchema, RoundSummarySchema } from './rounds';
import { TASK_MOVE_CAUSES, TASK_STATUSES } from './task-schemas';
import { RoundsTaskApprovedV1 } from './tasks';

/** What every task event carries, so a consumer (reports, the dashboard) needs no other source. */
const TaskStateSchema = z.object({
  taskId: z.uuid(),
  roundId: z.uuid(),
  itemId: z.uuid(),
  itemCode: z.string(),
  departmentId: z.uuid(),
  assigneeId: z.uuid().nullable(),
  /** The task's status after the event. */
  status: z.enum(TASK_STATUSES),
  deadline: CalendarDateSchema,
});

const roundEvent = <T extends z.ZodObject<{ roundId: z.ZodUUID }>>(event: string, payload: T) =>
  defineEvent({
    service: 'rounds',
    aggregate: 'round',
    event,
    version: 1,
    aggregateId: (body: z.infer<T>) => body.roundId,
    payload,
  });

const taskEvent = <T extends z.ZodObject<{ taskId: z.ZodUUID }>>(event: string, payload: T) =>
  defineEvent({
    service: 'rounds',
    aggregate: 'task',
    event,
    version: 1,
    aggregateId: (body: z.infer<T>) => body.taskId,
    payload,
  });

const RoundStateSchema = z.object({
  roundId: z.uuid(),
  name: z.string(),
  academicYear: z.string(),
  half: z.enum(ROUND_HALVES),
  noticeDate: CalendarDateSchema,
  deadline: CalendarDateSchema,
  scope: RoundScopeSchema,
});

export const RoundCreatedV1 = roundEvent('created', RoundStateSchema);
export const RoundOpenedV1 = roundEvent(
  'opened',
  RoundStateSchema.extend({ taskCount: z.number().int(), openedAt: IsoTimestampSchema }),
);
export const RoundClosedV1 = roundEvent(
  'closed',
  RoundStateSchema.extend({
    closedAt: IsoTimestampSchema,
    forced: z.boolean(),
    forcedReason: z.string().nullable(),
    summary: RoundSummarySchema,
  }),
);

/** One per item in scope when the round opens. */
export const TaskCreatedV1 = taskEvent('created', TaskStateSchema);
export const TaskSubmittedV1 = taskEvent(
  'submitted',
  TaskStateSchema.extend({
    noChange: z.boolean(),
    submittedAt: IsoTimestampSchema,
    lateSubmission: z.boolean(),
  }),
);
export const TaskReviewedV1 = taskEvent(
  'reviewed',
  TaskStateSchema.extend({
    secrecyReviewerName: z.string(),
    secrecyDecision: z.enum(['cleared', 'not_cleared']),
    reviewedAt: IsoTimestampSchema,
  }),
);
/** Sent back to pending by the office (counted in the round summary). */
export const TaskReturnedV1 = taskEvent(
  'returned',
  TaskStateSchema.extend({
    comments: z.string(),
    returnCount: z.number().int(),
    returnedAt: IsoTimestampSchema,
  }),
);
/** The catalogue published (or, for "no change", confirmed) the approved task. */
export const TaskPublishedV1 = taskEvent(
  'published',
  TaskStateSchema.extend({
    publicationId: z.uuid().nullable(),
    version: z.number().int().nullable(),
    noChange: z.boolean(),
    publishedAt: IsoTimestampSchema,
    publishedOnTime: z.boolean(),
  }),
);
/** The task changed department or liaison (文件异常流程, a merge, a responsibility revision). */
export const TaskMovedV1 = taskEvent(
  'moved',
  TaskStateSchema.extend({
    cause: z.enum(TASK_MOVE_CAUSES),
    fromDepartmentId: z.uuid().nullable(),
    fromAssigneeId: z.uuid().nullable(),
  }),
);
/** Nobody is left in the department to work it: the disclosure office must step in. */
export const TaskFlaggedV1 = taskEvent('flagged', TaskStateSchema.extend({ reason: z.string() }));
/** N working days before the deadline: remind the task's holders (named). */
export const TaskReminderDueV1 = taskEvent(
  'reminder-due',
  TaskStateSchema.extend({
    workingDaysBefore: z.number().int(),
    recipientIds: z.array(z.uuid()),
  }),
);
/** The deadline passed with the task not yet submitted: escalate to the disclosure office. */
export const TaskOverdueV1 = taskEvent(
  'overdue',
  TaskStateSchema.extend({
    recipientIds: z.array(z.uuid()),
    /** The disclosure office's people to escalate to. */
    escalateToIds: z.array(z.uuid()),
  }),
);

export const RoundsEvents = {
  roundCreated: RoundCreatedV1,
  roundOpened: RoundOpenedV1,
  roundClosed: RoundClosedV1,
  taskCreated: TaskCreatedV1,
  taskSubmitted: TaskSubmittedV1,
  taskReviewed: TaskReviewedV1,
  taskReturned: TaskReturnedV1,
  taskApproved: RoundsTaskApprovedV1,
  taskPublished: TaskPublishedV1,
  taskMoved: TaskMovedV1,
  taskFlagged: TaskFlaggedV1,
  taskReminderDue: TaskReminderDueV1,
  taskOverdue: TaskOverdueV1,
} as const;
