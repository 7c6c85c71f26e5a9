import { defineErrorReasons } from '../common/error-reasons';
import { ErrorCode } from '../common/errors';

/** The complaints service's own error codes, each under the category that sets its HTTP status. */
export const ComplaintsErrorReasons = defineErrorReasons('complaints', {
  CASE_NOT_FOUND: {
    category: ErrorCode.NOT_FOUND,
    description: 'No case with this id. List them with `GET /cases`.',
  },
  CASE_NOT_TRACKABLE: {
    category: ErrorCode.NOT_FOUND,
    description:
      'No case answers to this tracking number and verification code. Check both (the code came with the tracking number).',
  },
  CASE_WRONG_STATE: {
    category: ErrorCode.PRECONDITION_FAILED,
    description: "The case's status does not allow this step. The problem says which statuses do.",
  },
  CASE_WRONG_KIND: {
    category: ErrorCode.PRECONDITION_FAILED,
    description: 'This step belongs to another kind of case (complaint, application or report).',
  },
  CASE_ALREADY_IMPORTED: {
    category: ErrorCode.CONFLICT,
    description:
      "A case with this source and the city's ticket number exists already; read it with `GET /cases?externalNo=`.",
  },
  CATEGORY_UNKNOWN: {
    category: ErrorCode.VALIDATION_FAILED,
    description:
      'The category is not in the list (or not for this kind). Take a code from `GET /cases/categories`.',
  },
  DEPARTMENT_UNKNOWN: {
    category: ErrorCode.VALIDATION_FAILED,
    description:
      'The department is not known to the complaints service as active. Take the id from `GET /departments`.',
  },
  NOT_SUPERVISABLE: {
    category: ErrorCode.PRECONDITION_FAILED,
    description: 'Only overdue, unsatisfied or escalated cases are supervised (督).',
  },
  NOT_DUE_YET: {
    category: ErrorCode.PRECONDITION_FAILED,
    description:
      'Urging (催办) is for open cases before their deadline; an overdue case is supervised instead.',
  },
  CORRECTION_NOT_ALLOWED: {
    category: ErrorCode.PRECONDITION_FAILED,
    description:
      'A correction (补正) is asked once, in one consolidated notice, within the configured working days of receipt.',
  },
  EXTENSION_NOT_ALLOWED: {
    category: ErrorCode.PRECONDITION_FAILED,
    description: 'The case was extended already, or the days asked exceed the configured maximum.',
  },
  OCCURRED_BEFORE_PREVIOUS_STEP: {
    category: ErrorCode.VALIDATION_FAILED,
    description:
      'The business time (`occurredAt`) lies before the step it follows. Give the time it actually happened.',
  },
  IMPORT_UNREADABLE: {
    category: ErrorCode.VALIDATION_FAILED,
    description:
      'The CSV could not be read (quotes, column count, or a missing header). The problem names the line.',
  },
});
