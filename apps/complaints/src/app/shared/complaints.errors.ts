import { CommonErrorReasons, ComplaintsErrorReasons, DomainError, ErrorCode } from '@gongkai/contracts';

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
  invalidField: (
    reason: keyof typeof ComplaintsErrorReasons | 'OCCURRED_AT_IN_FUTURE',
    path: (string | number)[],
    message: string,
  ) =>
    new DomainError(
      ErrorCode.VALIDATION_FAILED,
      'The request is not valid',
      [{ code: 'custom', path: ['body', ...path], message }],
      reason === 'OCCURRED_AT_IN_FUTURE'
        ? CommonErrorReasons.OCCURRED_AT_IN_FUTURE.reason
        : ComplaintsErrorReasons[reason].reason,
    ),
  because: (
    reason: keyof typeof ComplaintsErrorReasons,
    message: string,
    details?: Record<string, unknown>,
  ) => DomainError.because(ComplaintsErrorReasons[reason], message, details),
  forbidden: (message: string, details: Record<string, unknown>) =>
    new DomainError(ErrorCode.FORBIDDEN, message, details),
};

/**
 * Business time: when it happened, for what is entered after the fact. Never in the future (a
 * minute of clock skew allowed); `path` names the field in the problem.
 */
export function businessTimeOf(
  value: string | undefined,
  now: Date,
  path: (string | number)[] = ['occurredAt'],
): Date {
  if (value === undefined) return now;
  const at = new Date(value);
  if (at.getTime() > now.getTime() + 60_000) {
    throw ComplaintsErrors.invalidField(
      'OCCURRED_AT_IN_FUTURE',
      path,
      'lies in the future; give the time it actually happened',
    );
  }
  return at;
}
