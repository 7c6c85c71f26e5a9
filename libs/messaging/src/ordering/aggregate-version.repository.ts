import type { SqlClient } from '../sql-client';

/** The only place that reads or writes the `aggregate_version` table. */
export class AggregateVersionRepository {
  /**
   * Hands out the next version of each aggregate, inside the caller's transaction. The upsert
   * locks each aggregate's row until commit, so a concurrent command on the same aggregate waits
   * and takes the number after ours; keys are locked in sorted order so two commands touching the
   * same aggregates in another order cannot deadlock.
   */
  static async next(tx: SqlClient, keys: readonly string[]): Promise<Map<string, number>> {
    const rows = await tx.$queryRawUnsafe<{ aggregate: string; version: number }[]>(
      `INSERT INTO "aggregate_version" ("aggregate", "version")
       SELECT "key", 1 FROM unnest($1::text[]) AS "key" ORDER BY "key"
       ON CONFLICT ("aggregate") DO UPDATE SET "version" = "aggregate_version"."version" + 1
       RETURNING "aggregate", "version"`,
      [...new Set(keys)],
    );
    return new Map(rows.map((row) => [row.aggregate, Number(row.version)]));
  }
}
