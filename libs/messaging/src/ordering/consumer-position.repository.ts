import type { SqlClient } from '../sql-client';
import type { VersionedKey } from './aggregate-key';

/** The only place that reads or writes `consumer_position`. */
export class ConsumerPositionRepository {
  /**
   * Serialises this consumer's work on these aggregates until the transaction ends, across
   * replicas. Keys are locked one by one in sorted order, so two events sharing aggregates
   * cannot deadlock.
   */
  static async lock(tx: SqlClient, consumer: string, keys: readonly string[]): Promise<void> {
    for (const key of [...new Set(keys)].sort()) {
      // $executeRaw: the lock function returns void, which a raw query cannot deserialise.
      await tx.$executeRawUnsafe(
        `SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`,
        `${consumer}|${key}`,
      );
    }
  }

  /** The last version applied per aggregate (absent: none yet). */
  static async positions(
    tx: SqlClient,
    consumer: string,
    keys: readonly string[],
  ): Promise<Map<string, number>> {
    const rows = await tx.$queryRawUnsafe<{ aggregate: string; version: number }[]>(
      `SELECT "aggregate", "version" FROM "consumer_position" WHERE "consumer" = $1 AND "aggregate" = ANY($2::text[])`,
      consumer,
      [...keys],
    );
    return new Map(rows.map((row) => [row.aggregate, Number(row.version)]));
  }

  static async advance(tx: SqlClient, consumer: string, keys: readonly VersionedKey[]): Promise<void> {
    for (const { key, version } of keys) {
      await tx.$executeRawUnsafe(
        `INSERT INTO "consumer_position" ("consumer", "aggregate", "version", "updated_at") VALUES ($1, $2, $3, now())
         ON CONFLICT ("consumer", "aggregate") DO UPDATE SET "version" = GREATEST("consumer_position"."version", EXCLUDED."version"),
           "updated_at" = now()`,
        consumer,
        key,
        version,
      );
    }
  }
}
