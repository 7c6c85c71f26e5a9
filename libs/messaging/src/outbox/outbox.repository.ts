import type { EventEnvelope } from '@gongkai/contracts';
import type { SqlClient } from '../sql-client';

export interface PendingOutboxRow {
  seq: bigint;
  eventId: string;
  subject: string;
  envelope: EventEnvelope;
  attempts: number;
}

/** The only place that reads or writes the `outbox` table. */
export class OutboxRepository {
  /** Call inside the same transaction as the state change the event describes. */
  static async append(tx: SqlClient, subject: string, envelope: EventEnvelope): Promise<void> {
    await tx.$executeRawUnsafe(
      `INSERT INTO "outbox" ("event_id", "subject", "type", "version", "envelope")
       VALUES ($1::uuid, $2, $3, $4, $5::jsonb)`,
      envelope.id,
      subject,
      envelope.type,
      envelope.version,
      JSON.stringify(envelope),
    );
  }

  /**
   * One relay at a time per service database, so events reach the stream in commit order per
   * aggregate even with several replicas. The lock belongs to the relay's transaction: when that
   * replica dies, PostgreSQL ends the transaction and another replica takes over on its next pass.
   */
  static async tryTakeRelayTurn(tx: SqlClient): Promise<boolean> {
    const [row] = await tx.$queryRawUnsafe<{ taken: boolean }[]>(
      `SELECT pg_try_advisory_xact_lock(hashtext('gongkai.outbox-relay')) AS "taken"`,
    );
    return row?.taken === true;
  }

  /** The oldest unsent rows, in the order they were written. Call while holding the relay turn. */
  static async pending(tx: SqlClient, limit: number): Promise<PendingOutboxRow[]> {
    const rows = await tx.$queryRawUnsafe<
      { seq: bigint; event_id: string; subject: string; envelope: EventEnvelope; attempts: number }[]
    >(
      `SELECT "seq", "event_id"::text AS "event_id", "subject", "envelope", "attempts"
         FROM "outbox"
        WHERE "published_at" IS NULL
        ORDER BY "seq"
        LIMIT $1`,
      limit,
    );
    return rows.map((row) => ({
      seq: row.seq,
      eventId: row.event_id,
      subject: row.subject,
      envelope: row.envelope,
      attempts: row.attempts,
    }));
  }

  /** Marks every row JetStream acknowledged, in one statement. */
  static async markPublished(tx: SqlClient, seqs: readonly bigint[]): Promise<void> {
    if (seqs.length === 0) return;
    await tx.$executeRawUnsafe(
      `UPDATE "outbox" SET "published_at" = now(), "attempts" = "attempts" + 1, "last_error" = NULL
        WHERE "seq" = ANY($1::bigint[])`,
      seqs.map(String),
    );
  }

  static async recordFailure(tx: SqlClient, seq: bigint, error: string): Promise<void> {
    await tx.$executeRawUnsafe(
      `UPDATE "outbox" SET "attempts" = "attempts" + 1, "last_error" = $2 WHERE "seq" = $1`,
      seq,
      error.slice(0, 2000),
    );
  }

  /** Removes rows published before `before`; JetStream holds the events for good. */
  static async deletePublishedBefore(client: SqlClient, before: Date): Promise<number> {
    return client.$executeRawUnsafe(
      `DELETE FROM "outbox" WHERE "published_at" IS NOT NULL AND "published_at" < $1::timestamptz`,
      before.toISOString(),
    );
  }

  /** Unsent rows and the age of the oldest, for metrics and readiness. */
  static async backlog(client: SqlClient): Promise<{ pending: number; oldestAgeSeconds: number }> {
    const [row] = await client.$queryRawUnsafe<{ pending: bigint; oldest_age: number | null }[]>(
      `SELECT count(*) AS "pending",
              EXTRACT(EPOCH FROM (now() - min("created_at")))::float8 AS "oldest_age"
         FROM "outbox" WHERE "published_at" IS NULL`,
    );
    return { pending: Number(row?.pending ?? 0), oldestAgeSeconds: Number(row?.oldest_age ?? 0) };
  }

  static async countPending(client: SqlClient): Promise<number> {
    const [row] = await client.$queryRawUnsafe<{ pending: bigint }[]>(
      `SELECT count(*) AS "pending" FROM "outbox" WHERE "published_at" IS NULL`,
    );
    return Number(row?.pending ?? 0);
  }
}
