import { CommonErrorReasons, DomainError, type ErrorCode, type ErrorReason } from '@gongkai/contracts';

/** What a race on one of a service's unique indexes means to the caller, and what to do about it. */
export interface UniqueIndexReason {
  reason: ErrorReason<string, typeof ErrorCode.CONFLICT>;
  message: string;
}

/**
 * A service's unique indexes by name (as in its migrations, e.g. `department_code_key`), each with
 * the reason a race on it is reported with. Indexes not named here get UNIQUE_VALUE_TAKEN.
 */
export type UniqueIndexReasons = Readonly<Record<string, UniqueIndexReason>>;

/**
 * A unique index beat the command to it (a concurrent request with the same code or staff
 * number): a CONFLICT the caller can act on, not a 500, with the service's own reason when it
 * names the index. Duck-typed on Prisma's error code, so this library needs no service's
 * generated client.
 */
export function translateUniqueViolation(error: unknown, indexReasons: UniqueIndexReasons = {}): unknown {
  const known = error as { code?: unknown; meta?: Record<string, unknown> } | null;
  if (!known || typeof known !== 'object' || known.code !== 'P2002') return error;
  const target = uniqueTargetOf(known.meta);
  const specific = typeof target === 'string' ? indexReasons[target] : undefined;
  if (specific) return DomainError.because(specific.reason, specific.message, { target });
  return DomainError.because(
    CommonErrorReasons.UNIQUE_VALUE_TAKEN,
    'Another change with the same unique value (code, staff number) was saved first; check and retry',
    { target },
  );
}

/**
 * The index (or its fields) of a P2002: Prisma 7's driver adapters put the database's constraint
 * under `driverAdapterError.cause.constraint` (`{ index }` from PostgreSQL, else `{ fields }`);
 * the classic engine put the fields in `target`.
 */
function uniqueTargetOf(meta: Record<string, unknown> | undefined): unknown {
  const cause = (meta?.['driverAdapterError'] as { cause?: { constraint?: unknown } } | undefined)?.cause;
  const constraint = cause?.constraint as { index?: unknown; fields?: unknown } | undefined;
  return constraint?.index ?? constraint?.fields ?? meta?.['target'] ?? null;
}
