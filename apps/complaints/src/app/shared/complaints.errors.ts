import { ComplaintsErrorReasons, DomainError, ErrorCode, type ErrorReason } from '@gongkai/contracts';

/** The complaints service's typed errors: codes from contracts, the messages uniform across use cases. */
export const ComplaintsErrors = {
  caseNotFound: (caseId: string) =>
    DomainError.because(
      ComplaintsErrorReasons.CASE_NOT_FOUND,
      `No case ${caseId}; list them with GET /cases`,
      {
        caseId,
      },
    ),
  wrongState: (message: string, details: Record<string, unknown>) =>
    DomainError.because(ComplaintsErrorReasons.CASE_WRONG_STATE, message, details),
  wrongKind: (message: string, details: Record<string, unknown>) =>
    DomainError.because(ComplaintsErrorReasons.CASE_WRONG_KIND, message, details),
  /** A 400 naming the field (under `body`), like any other invalid field: nothing was changed. */
  invalidField: (reason: ErrorReason, path: (string | number)[], message: string) =>
    new DomainError(
      ErrorCode.VALIDATION_FAILED,
      'The request is not valid',
      [{ code: 'custom', path: ['body', ...path], message }],
      reason.reason,
    ),
  because: (reason: ErrorReason, message: string, details?: Record<string, unknown>) =>
    DomainError.because(reason, message, details),
  forbidden: (message: string, details: Record<string, unknown>) =>
    new DomainError(ErrorCode.FORBIDDEN, message, details),
};
