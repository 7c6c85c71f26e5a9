import { isDatabaseUnavailable } from './database-unavailable';

/** Shapes recorded from Prisma 7.10 + @prisma/adapter-pg + pg against a closed or silent PostgreSQL. */
function prismaError(code: string, message: string, driverAdapterError?: unknown) {
  return Object.assign(new Error(message), {
    name: 'PrismaClientKnownRequestError',
    code,
    meta: driverAdapterError ? { driverAdapterError } : undefined,
  });
}

describe('isDatabaseUnavailable', () => {
  it.each([
    [
      'P1001 from an interactive transaction',
      prismaError('P1001', "Can't reach database server at 127.0.0.1:44023", {
        name: 'DriverAdapterError',
        cause: { kind: 'DatabaseNotReachable', host: '127.0.0.1', port: 44023 },
      }),
    ],
    [
      'P2010 raw query with a DatabaseNotReachable driver error',
      prismaError('P2010', 'Raw query failed. Code: `N/A`.', {
        name: 'DriverAdapterError',
        cause: { kind: 'DatabaseNotReachable', host: '127.0.0.1', port: 1 },
      }),
    ],
    ['a pooled connection the server dropped', new Error('Connection terminated unexpectedly')],
    ['the connect timeout', new Error('Connection terminated due to connection timeout')],
    ['a busy pool', new Error('timeout exceeded when trying to connect')],
    ['a reset socket', Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' })],
    [
      'PostgreSQL shutting down',
      prismaError('P2010', 'Raw query failed', {
        name: 'DriverAdapterError',
        cause: {
          kind: 'postgres',
          code: '57P01',
          message: 'terminating connection due to administrator command',
        },
      }),
    ],
    ['a pool timeout', prismaError('P2024', 'Timed out fetching a new connection from the connection pool')],
    ['a wrapped cause', new Error('outer', { cause: new Error('Connection terminated unexpectedly') })],
  ])('recognises %s', (_name, error) => {
    expect(isDatabaseUnavailable(error)).toBe(true);
  });

  it.each([
    ['a unique violation', prismaError('P2002', 'Unique constraint failed on the fields: (`code`)')],
    [
      'a missing table',
      prismaError('P2010', 'Raw query failed', {
        name: 'DriverAdapterError',
        cause: { kind: 'TableDoesNotExist', table: 'outbox' },
      }),
    ],
    ['a programming error', new TypeError("Cannot read properties of undefined (reading 'id')")],
    ['a string', 'nope'],
    ['nothing', undefined],
  ])('does not treat %s as unavailability', (_name, error) => {
    expect(isDatabaseUnavailable(error)).toBe(false);
  });
});
