import { PrismaPg } from '@prisma/adapter-pg';

export interface PgAdapterOptions {
  /** Most connections the pool opens (pg's default is 10). */
  poolSize?: number;
  /** Close connections idle this long, in milliseconds (pg's default is 10 000). */
  idleTimeoutMs?: number;
  /** Give up opening a connection after this long, in milliseconds (default: wait for ever). */
  connectionTimeoutMs?: number;
  /** Called when an idle pooled connection fails (e.g. the server restarted); pg then drops it. */
  onPoolError?: (error: Error) => void;
}

/**
 * The pg driver adapter for a service's PrismaClient, so no native query engine is needed:
 * `new PrismaClient({ adapter: createPgAdapter(config.database.url, config.database.pool) })`.
 * `$disconnect()` closes the pool.
 */
export function createPgAdapter(databaseUrl: string, options: PgAdapterOptions = {}): PrismaPg {
  return new PrismaPg(
    {
      connectionString: databaseUrl,
      max: options.poolSize,
      idleTimeoutMillis: options.idleTimeoutMs,
      connectionTimeoutMillis: options.connectionTimeoutMs,
    },
    { onPoolError: options.onPoolError },
  );
}
