import type { SqlClient } from '../sql-client';

export interface HeldEvent {
  eventId: string;
  subject: string;
  streamSeq: bigint;
  rawMessage: string;
  waitingFor: string;
  attempts: number;
}

export interface HoldRequest {
  consumer: string;
  eventId: string;
  aggregates: readonly string[];
  waitingFor: string;
  subject: string;
  streamSeq: bigint;
  rawMessage: string;
}

interface HeldRow {
  event_id: string;
  subject: string;
  stream_seq: bigint;
  raw_message: string;
  waiting_for: string;
  attempts: number;
}

function toHeld(row: HeldRow): HeldEvent {
  return {
    eventId: row.event_id,
    subject: row.subject,
    streamSeq: BigInt(row.stream_seq),
    rawMessage: row.raw_message,
    waitingFor: row.waiting_for,
    attempts: Number(row.attempts),
  };
}

/** The only place that reads or writes `held_event`. */
export class HeldEventRepository {
  static async hold(tx: SqlClient, request: HoldRequest): Promise<void> {
    await tx.$executeRawUnsafe(
      `INSERT INTO "held_event" ("consumer", "event_id", "aggregates", "waiting_for", "stream_seq", "subject", "raw_message")
       VALUES ($1, $2::uuid, $3::text[], $4, $5, $6, $7)
       ON CONFLICT ("consumer", "event_id") DO UPDATE SET "waiting_for" = EXCLUDED."waiting_for"`,
      request.consumer,
      request.eventId,
      [...request.aggregates],
      request.waitingFor,
      request.streamSeq.toString(),
      request.subject,
      request.rawMessage,
    );
  }

  static async release(tx: SqlClient, consumer: string, eventId: string): Promise<void> {
    await tx.$executeRawUnsafe(
      `DELETE FROM "held_event" WHERE "consumer" = $1 AND "event_id" = $2::uuid`,
      consumer,
      eventId,
    );
  }

  /** Held events sharing an aggregate with `keys` (every held event when `keys` is null), oldest first. */
  static async waitingOn(
    client: SqlClient,
    consumer: string,
    keys: readonly string[] | null,
  ): Promise<HeldEvent[]> {
    const rows = await client.$queryRawUnsafe<HeldRow[]>(
      `SELECT "event_id"::text AS "event_id", "subject", "stream_seq", "raw_message", "waiting_for", "attempts"
         FROM "held_event"
        WHERE "consumer" = $1 AND ($2::text[] IS NULL OR "aggregates" && $2::text[])
        ORDER BY "stream_seq", "held_at"
        LIMIT 500`,
      consumer,
      keys === null ? null : [...keys],
    );
    return rows.map(toHeld);
  }

  static async recordFailure(
    client: SqlClient,
    consumer: string,
    eventId: string,
    error: string,
  ): Promise<void> {
    await client.$executeRawUnsafe(
      `UPDATE "held_event" SET "attempts" = "attempts" + 1, "last_error" = $3 WHERE "consumer" = $1 AND "event_id" = $2::uuid`,
      consumer,
      eventId,
      error.slice(0, 2000),
    );
  }

  static async stats(client: SqlClient): Promise<{ held: number; oldestAgeSeconds: number }> {
    const [row] = await client.$queryRawUnsafe<{ held: bigint; oldest_age: number | null }[]>(
      `SELECT count(*) AS "held", EXTRACT(EPOCH FROM (now() - min("held_at")))::float8 AS "oldest_age" FROM "held_event"`,
    );
    return { held: Number(row?.held ?? 0), oldestAgeSeconds: Number(row?.oldest_age ?? 0) };
  }

  /** Held events and the age of the oldest, per consumer, for metrics. */
  static async statsByConsumer(
    client: SqlClient,
  ): Promise<Map<string, { held: number; oldestAgeSeconds: number }>> {
    const rows = await client.$queryRawUnsafe<{ consumer: string; held: bigint; oldest_age: number }[]>(
      `SELECT "consumer", count(*) AS "held", EXTRACT(EPOCH FROM (now() - min("held_at")))::float8 AS "oldest_age"
         FROM "held_event" GROUP BY "consumer"`,
    );
    return new Map(
      rows.map((row) => [row.consumer, { held: Number(row.held), oldestAgeSeconds: Number(row.oldest_age) }]),
    );
  }
}
