import { DomainError, ErrorCode, RoundsErrorReasons } from '@gongkai/contracts';

/**
 * The rounds service's typed errors: each has its reason (RoundsErrorReasons, whose category sets
 * the HTTP status in the gateway) and a message that says what to do.
 */
export const RoundsErrors = {
  roundNotFound: (roundId: string) =>
    DomainError.because(
      RoundsErrorReasons.ROUND_NOT_FOUND,
      `No update round ${roundId}; list them with GET /rounds`,
      { roundId },
    ),
  taskNotFound: (taskId: string) =>
    DomainError.because(
      RoundsErrorReasons.TASK_NOT_FOUND,
      `No task ${taskId}; list them with GET /rounds/{id}/tasks or GET /tasks?mine=liaison`,
      { taskId },
    ),
  /** A field the schema let through but the rules refuse: a 400 located at the field, nothing changed. */
  invalidField: (path: (string | number)[], message: string) =>
    new DomainError(ErrorCode.VALIDATION_FAILED, message, [
      { code: 'custom', path: ['body', ...path], message },
    ]),
};
