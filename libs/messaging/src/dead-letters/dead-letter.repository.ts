import { v7 as uuidv7 } from 'uuid';
import type { SqlClient } from '../sql-client';

export type DeadLetterStatus = 'parked' | 'replayed';

export interface DeadLetter {
  id: string;
  consumer: string;
  stream: string;
  subject: string;
  streamSeq: number;
  eventId: string | null;
  eventType: string | null;
  rawMessage: string;
  error: string;
  deliveries: number;
  failedAt: string;
  status: DeadLetterStatus;
  replayedAt: string | null;
  replayCount: number;
}

export interface ParkDeadLetter {
  consumer: string;
  stream: string;
  subject: string;
  streamSeq: number;
  eventId: string | null;
  eventType: string | null;
  rawMessage: string;
  error: string;
  deliveries: number;
}

interface DeadLetterRow {
  id: string;
  consumer: string;
  stream: string;
  subject: string;
  stream_seq: bigint;
  event_id: string | null;
  event_type: string | null;
  raw_message: string;
  error: string;
  deliveries: number;
  failed_at: Date;
  status: DeadLetterStatus;
  replayed_at: Date | null;
  replay_count: number;
}

const COLUMNS = `"id"::text AS "id", "consumer", "stream", "subject", "stream_seq", "event_id", "event_type",
  "raw_message", "error", "deliveries", "failed_at", "status", "replayed_at", "replay_count"`;

function toDeadLetter(row: DeadLetterRow): DeadLetter {
  return {
    id: row.id,
    consumer: row.consumer,
    stream: row.stream,
    subject: row.subject,
    streamSeq: Number(row.stream_seq),
    eventId: row.event_id,
    eventType: row.event_type,
    rawMessage: row.raw_message,
    error: row.error,
    deliveries: row.deliveries,
    failedAt: row.failed_at.toISOString(),
    status: row.status,
    replayedAt: row.replayed_at?.toISOString() ?? null,
    replayCount: row.replay_count,
  };
}

/** The only place that reads or writes the `dead_letter` table. */
export class DeadLetterRepository {
  constructor(private readonly db: SqlClient) {}

  /** Parks a message; parking the same stream message again refreshes the error. */
  async park(letter: ParkDeadLetter): Promise<void> {
    await this.db.$executeRawUnsafe(
      `INSERT INTO "dead_letter" ("id", "consumer", "stream", "subject", "stream_seq", "event_id", "event_type",
                                  "raw_message", "error", "deliveries")
       VALUES ($1::uuid, $2, $3, $4, $5, $6, $7, $8, $9, $10)
       ON CONFLICT ("consumer", "stream", "stream_seq")
       DO UPDATE SET "error" = EXCLUDED."error", "deliveries" = EXCLUDED."deliveries",
                     "status" = 'parked', "failed_at" = now()`,
      uuidv7(),
      letter.consumer,
      letter.stream,
      letter.subject,
      BigInt(letter.streamSeq),
      letter.eventId,
      letter.eventType,
      letter.rawMessage,
      letter.error.slice(0, 4000),
      letter.deliveries,
    );
  }

  async list(options: { status?: DeadLetterStatus; limit: number; cursor?: string }): Promise<{
    items: DeadLetter[];
    nextCursor: string | null;
  }> {
    const rows = await this.db.$queryRawUnsafe<DeadLetterRow[]>(
      `SELECT ${COLUMNS} FROM "dead_letter"
        WHERE ($1::text IS NULL OR "status" = $1) AND ($2::uuid IS NULL OR "id" > $2::uuid)
        ORDER BY "id" LIMIT $3`,
      options.status ?? null,
      options.cursor ?? null,
      options.limit + 1,
    );
    const items = rows.slice(0, options.limit).map(toDeadLetter);
    const nextCursor = rows.length > options.limit ? (items[items.length - 1]?.id ?? null) : null;
    return { items, nextCursor };
  }

  async find(id: string): Promise<DeadLetter | null> {
    const rows = await this.db.$queryRawUnsafe<DeadLetterRow[]>(
      `SELECT ${COLUMNS} FROM "dead_letter" WHERE "id" = $1::uuid`,
      id,
    );
    return rows[0] ? toDeadLetter(rows[0]) : null;
  }

  async markReplayed(id: string): Promise<void> {
    await this.db.$executeRawUnsafe(
      `UPDATE "dead_letter" SET "status" = 'replayed', "replayed_at" = now(), "replay_count" = "replay_count" + 1
        WHERE "id" = $1::uuid`,
      id,
    );
  }

  /** Dead letters still parked (not replayed), per consumer, for metrics. */
  async countParkedByConsumer(): Promise<Map<string, number>> {
    const rows = await this.db.$queryRawUnsafe<{ consumer: string; parked: bigint }[]>(
      `SELECT "consumer", count(*) AS "parked" FROM "dead_letter" WHERE "status" = 'parked' GROUP BY "consumer"`,
    );
    return new Map(rows.map((row) => [row.consumer, Number(row.parked)]));
  }

  async recordFailedReplay(id: string, error: string): Promise<void> {
    await this.db.$executeRawUnsafe(
      `UPDATE "dead_letter" SET "error" = $2, "replay_count" = "replay_count" + 1 WHERE "id" = $1::uuid`,
      id,
      error.slice(0, 4000),
    );
  }
}
