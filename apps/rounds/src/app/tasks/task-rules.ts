import { shanghaiDateOf, type CalendarDate } from '@gongkai/calendar';
import { DomainError, RoundsErrorReasons, type TaskStatus } from '@gongkai/contracts';

/** Tasks still being worked: they follow people and departments, and are reminded. */
export const OPEN_STATUSES: readonly TaskStatus[] = ['pending', 'submitted', 'reviewed'];

export type TaskStep = 'submit' | 'review' | 'approve' | 'return';

/** The status each step needs, and where it leads. */
const STEPS: Record<TaskStep, { from: readonly TaskStatus[] }> = {
  submit: { from: ['pending'] },
  review: { from: ['submitted'] },
  approve: { from: ['reviewed'] },
  return: { from: ['submitted', 'reviewed'] },
};

export interface StepTask {
  id: string;
  status: TaskStatus;
  itemCode: string;
  departmentId: string;
}

/** What must happen to a task in `status` before `step` may, in words the caller can act on. */
function whatMustHappenFirst(task: StepTask, step: TaskStep): string {
  const submit = `a liaison of department ${task.departmentId} must submit it (POST /tasks/${task.id}/submit)`;
  const review = `a reviewer of department ${task.departmentId} must review it with the secrecy sign-off (POST /tasks/${task.id}/review)`;
  const done = 'it is already approved; its next step is the catalogue publishing it';
  switch (task.status) {
    case 'pending':
      if (step === 'review') return `it has not been submitted: ${submit} first`;
      if (step === 'approve')
        return `it has not been submitted: ${submit}, then ${review}, before the office approves it`;
      return 'nothing has been submitted to return';
    case 'submitted':
      if (step === 'submit')
        return `it is already submitted and waits for review: ${review}, or the office returns it`;
      return `it is submitted but not reviewed: ${review} before the office approves it`;
    case 'reviewed':
      return `it is reviewed and waits for the office: approve it (POST /tasks/${task.id}/approve) or return it (POST /tasks/${task.id}/return)`;
    case 'approved':
    case 'published':
      return task.status === 'published' ? 'it is already approved and published' : done;
  }
}

/** Refuses a step the task's status does not allow (409), saying what must happen first. */
export function assertStepAllowed(task: StepTask, step: TaskStep): void {
  if (STEPS[step].from.includes(task.status)) return;
  throw DomainError.because(
    RoundsErrorReasons.TASK_WRONG_STATE,
    `Task ${task.id} (item ${task.itemCode}) cannot be ${pastTense(step)} now: ${whatMustHappenFirst(task, step)}`,
    { taskId: task.id, status: task.status, step, allowedFrom: STEPS[step].from },
  );
}

function pastTense(step: TaskStep): string {
  return { submit: 'submitted', review: 'reviewed', approve: 'approved', return: 'returned' }[step];
}

/** Submitted after the deadline: its Asia/Shanghai date is later than the deadline's. */
export function isLate(submittedAt: Date, deadline: CalendarDate): boolean {
  return shanghaiDateOf(submittedAt) > deadline;
}

/**
 * Overdue: not submitted and the deadline has passed (today in Shanghai is later), or its current
 * submission came after the deadline.
 */
export function isOverdue(
  task: { status: TaskStatus; lateSubmission: boolean; deadline: CalendarDate },
  today: CalendarDate,
): boolean {
  if (task.status === 'pending') return today > task.deadline;
  return task.lateSubmission;
}

/** A step's business time may not come before the step it follows (the task's last recorded step). */
export function assertNotBeforePrevious(at: Date, previous: Date | null, what: string): void {
  if (previous === null || at.getTime() >= previous.getTime()) return;
  const message = `occurredAt ${at.toISOString()} lies before ${what} (${previous.toISOString()}); give the time this step actually happened`;
  throw DomainError.because(RoundsErrorReasons.STEP_BEFORE_PREVIOUS_STEP, message, [
    { code: 'custom', path: ['body', 'occurredAt'], message },
  ]);
}
