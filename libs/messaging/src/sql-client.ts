/**
 * The slice of a Prisma client (or interactive-transaction client) the messaging tables need.
 * Every service's generated PrismaClient satisfies it, so this library never imports a
 * service's generated client.
 */
export interface SqlClient {
  $executeRawUnsafe(query: string, ...values: unknown[]): Promise<number>;
  $queryRawUnsafe<T = unknown>(query: string, ...values: unknown[]): Promise<T>;
}

export interface TransactionalSqlClient<TTx extends SqlClient = SqlClient> extends SqlClient {
  $transaction<R>(fn: (tx: TTx) => Promise<R>, options?: { timeout?: number; maxWait?: number }): Promise<R>;
}
