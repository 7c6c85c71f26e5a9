import { defineErrorReasons } from '../common/error-reasons';
import { ErrorCode } from '../common/errors';

/** The rounds service's own error codes, each under the category that sets its HTTP status. */
export const RoundsErrorReasons = defineErrorReasons('rounds', {
  ROUND_NOT_FOUND: {
    category: ErrorCode.NOT_FOUND,
    description: 'No update round with this id. List them with `GET /rounds`.',
  },
  ROUND_NOT_DRAFT: {
    category: ErrorCode.PRECONDITION_FAILED,
    description: 'Only a draft round can be changed or opened; this one is open or closed.',
  },
  ROUND_NOT_OPEN: {
    category: ErrorCode.PRECONDITION_FAILED,
    description: 'The round is not open: open it first, or it is already closed.',
  },
  ROUND_HAS_TASKS_IN_REVIEW: {
    category: ErrorCode.PRECONDITION_FAILED,
    description:
      'Tasks are between submitted and approved. Finish them, or close with `force: true` and a reason.',
  },
  ROUND_SCOPE_EMPTY: {
    category: ErrorCode.PRECONDITION_FAILED,
    description:
      'No active item with a responsible department matches the scope. Check the scope or the catalogue.',
  },
  ROUND_SCOPE_UNKNOWN_ITEMS: {
    category: ErrorCode.PRECONDITION_FAILED,
    description:
      'The scope names items the rounds service has not heard of from the catalogue, or retired ones. Check the ids with `GET /catalogue/items`.',
  },
  DEADLINE_BEFORE_NOTICE: {
    category: ErrorCode.VALIDATION_FAILED,
    description: 'The deadline lies before the notice date.',
  },
  TASK_NOT_FOUND: {
    category: ErrorCode.NOT_FOUND,
    description:
      'No task with this id. List them with `GET /rounds/{id}/tasks` or `GET /tasks?mine=liaison`.',
  },
  TASK_WRONG_STATE: {
    category: ErrorCode.PRECONDITION_FAILED,
    description:
      "The task's status does not allow this step. The problem says what must happen first (submit → review → approve).",
  },
  TASK_MOVED: {
    category: ErrorCode.CONFLICT,
    description:
      'The task moved to another department while the command ran (a transfer, merge or responsibility revision). Read it and send the command again.',
  },
  STEP_BEFORE_PREVIOUS_STEP: {
    category: ErrorCode.VALIDATION_FAILED,
    description:
      "`occurredAt` lies before the task's or round's previous step; give the time this step actually happened.",
  },
  NOT_TASK_LIAISON: {
    category: ErrorCode.FORBIDDEN,
    description: "Only a liaison (dept_liaison) of the task's department may submit it.",
  },
  NOT_TASK_REVIEWER: {
    category: ErrorCode.FORBIDDEN,
    description: "Only a reviewer (dept_reviewer) of the task's department may review it.",
  },
  NOT_TASK_READER: {
    category: ErrorCode.FORBIDDEN,
    description:
      "A task's submission is shown only to the liaisons and reviewers of its department and to the disclosure office.",
  },
});
