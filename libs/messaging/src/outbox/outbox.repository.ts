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

  /** Locks the oldest unsent rows so replicas relaying at once never take the same row. */
  static async lockPending(tx: SqlClient, limit: number): Promise<PendingOutboxRow[]> {
    const rows = await tx.$queryRawUnsafe<
      { seq: bigint; event_id: string; subject: string; envelope: EventEnvelope; attempts: number }[]
    >(
      `SELECT "seq", "event_id"::text AS "event_id", "subject", "envelope", "attempts"
         FROM "outbox"
        WHERE "published_at" IS NULL
        ORDER BY "seq"
        LIMIT $1
        FOR UPDATE SKIP LOCKED`,
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

  static async markPublished(tx: SqlClient, seq: bigint): Promise<void> {
    await tx.$executeRawUnsafe(
      `UPDATE "outbox" SET "published_at" = now(), "attempts" = "attempts" + 1, "last_error" = NULL
        WHERE "seq" = $1`,
      seq,
    );
  }

  static async recordFailure(tx: SqlClient, seq: bigint, error: string): Promise<void> {
    await tx.$executeRawUnsafe(
      `UPDATE "outbox" SET "attempts" = "attempts" + 1, "last_error" = $2 WHERE "seq" = $1`,
      seq,
      error.slice(0, 2000),
    );
  }

  static async countPending(client: SqlClient): Promise<number> {
    const [row] = await client.$queryRawUnsafe<{ pending: bigint }[]>(
      `SELECT count(*) AS "pending" FROM "outbox" WHERE "published_at" IS NULL`,
    );
    return Number(row?.pending ?? 0);
  }
}
