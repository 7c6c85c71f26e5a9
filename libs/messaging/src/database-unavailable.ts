/**
 * Recognises "the database cannot be reached right now" among the errors Prisma (with the pg
 * driver adapter) and pg throw, without importing either: refused or reset connections, connect
 * timeouts, a server shutting down or starting up, too many connections. These are transient and
 * not the request's fault, so they answer UNAVAILABLE (503, "retry in a few seconds") instead of
 * INTERNAL (500). Constraint violations, bad SQL and other errors are not matched.
 *
 * Seen here (Prisma 7.10, @prisma/adapter-pg 7.10, pg 8.23, PostgreSQL 15):
 * - `PrismaClientKnownRequestError` P1001 "Can't reach database server" (interactive transaction);
 * - P2010 "Raw query failed" with `meta.driverAdapterError.cause.kind` `DatabaseNotReachable`;
 * - plain `Error` "Connection terminated unexpectedly" (a pooled connection the server dropped)
 *   and "Connection terminated due to connection timeout" (DB_CONNECT_TIMEOUT_MS passed).
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  const seen = new Set<unknown>();
  let current: unknown = error;
  // Walk the cause chain (Prisma wraps the driver's error in meta.driverAdapterError).
  while (current && typeof current === 'object' && !seen.has(current)) {
    seen.add(current);
    if (matches(current as ErrorLike)) return true;
    const like = current as ErrorLike;
    current = like.meta?.driverAdapterError ?? like.cause;
  }
  return false;
}

interface ErrorLike {
  code?: unknown;
  errorCode?: unknown;
  kind?: unknown;
  message?: unknown;
  cause?: unknown;
  meta?: { driverAdapterError?: unknown };
}

/** Prisma: can't reach, timed out, server closed the connection, pool timeout. */
const PRISMA_CODES = new Set(['P1001', 'P1002', 'P1008', 'P1017', 'P2024']);
/** @prisma/driver-adapter-utils error kinds. */
const ADAPTER_KINDS = new Set([
  'DatabaseNotReachable',
  'ConnectionClosed',
  'SocketTimeout',
  'TooManyConnections',
]);
/** Node socket errors. */
const SOCKET_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EPIPE',
  'EAI_AGAIN',
]);
/**
 * PostgreSQL SQLSTATEs: class 08 (connection exception), 57P01-57P03 (admin/crash shutdown,
 * cannot connect now), 53300 (too many connections).
 */
const SQLSTATE = /^(08[0-9A-Z]{3}|57P0[123]|53300)$/;
const PG_MESSAGES =
  /Connection terminated (unexpectedly|due to connection timeout)|timeout exceeded when trying to connect|Client has encountered a connection error|Unable to start a transaction in the given time|Can't reach database server/i;

function matches(error: ErrorLike): boolean {
  const code = typeof error.code === 'string' ? error.code : undefined;
  const errorCode = typeof error.errorCode === 'string' ? error.errorCode : undefined;
  if (code && (PRISMA_CODES.has(code) || SOCKET_CODES.has(code) || SQLSTATE.test(code))) return true;
  if (errorCode && PRISMA_CODES.has(errorCode)) return true;
  if (typeof error.kind === 'string') {
    if (ADAPTER_KINDS.has(error.kind)) return true;
    // { kind: 'postgres', code: '57P01', ... }: matched by `code` above.
  }
  return typeof error.message === 'string' && PG_MESSAGES.test(error.message);
}
