import type { ErrorCode } from './errors';

/**
 * A service's own error code ("reason"), under one of the shared categories (ErrorCode) that
 * decide the HTTP status. A campus system branches on `reason` to tell one conflict from
 * another (a taken department code from a taken staff number); `code` stays the category.
 * The name follows Google's AIP-193 ErrorInfo.reason.
 */
export interface ErrorReason<R extends string = string, C extends ErrorCode = ErrorCode> {
  readonly reason: R;
  readonly category: C;
  /** What happened and what the caller can do about it; shown in the OpenAPI document. */
  readonly description: string;
  readonly service: string;
}

export const ERROR_REASON_PATTERN = /^[A-Z][A-Z0-9_]*$/;

type ReasonTable = Record<string, { category: ErrorCode; description: string }>;

/**
 * Declares a service's reasons once, in its contracts folder. Each keeps its category in its type,
 * so a helper can ask for, say, a CONFLICT reason (`ErrorReason<string, 'CONFLICT'>`).
 */
export function defineErrorReasons<const T extends ReasonTable>(
  service: string,
  table: T,
): { readonly [K in keyof T & string]: ErrorReason<K, T[K]['category']> } {
  const reasons: Record<string, ErrorReason> = {};
  for (const [reason, { category, description }] of Object.entries(table)) {
    if (!ERROR_REASON_PATTERN.test(reason)) {
      throw new Error(`Error reason ${reason} of ${service} must be UPPER_SNAKE_CASE`);
    }
    reasons[reason] = Object.freeze({ reason, category, description, service });
  }
  return Object.freeze(reasons) as { readonly [K in keyof T & string]: ErrorReason<K, T[K]['category']> };
}
