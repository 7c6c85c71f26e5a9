import { CommonErrorReasons, DomainError } from '@gongkai/contracts';

/**
 * A unique index beat the command to it (a concurrent request with the same code or staff
 * number): a CONFLICT the caller can act on, not a 500. Duck-typed on Prisma's error code, so
 * this library needs no service's generated client.
 */
export function translateUniqueViolation(error: unknown): unknown {
  const known = error as { code?: unknown; meta?: Record<string, unknown> } | null;
  if (known && typeof known === 'object' && known.code === 'P2002') {
    return DomainError.because(
      CommonErrorReasons.UNIQUE_VALUE_TAKEN,
      'Another change with the same unique value (code, staff number) was saved first; check and retry',
      { target: known.meta?.['target'] ?? null },
    );
  }
  return error;
}
