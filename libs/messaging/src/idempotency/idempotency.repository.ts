import type { ErrorBody } from '@gongkai/contracts';
import type { SqlClient } from '../sql-client';
import type { IdempotentCommand } from './idempotency-context';

/** How a command with this key ended: its reply, or the typed error it answered with. */
export type StoredOutcome = { outcome: 'result'; value: unknown } | { outcome: 'error'; error: ErrorBody };

export interface StoredKey {
  requestHash: string;
  /** Null while the first request is still producing its reply (or when that reply was lost). */
  stored: StoredOutcome | null;
  createdAt: Date;
}

interface KeyRow {
  request_hash: string;
  outcome: string | null;
  response: unknown;
  created_at: Date | string;
}

/** Thrown inside a command's transaction when another request already holds its key. */
export class IdempotencyKeyTakenError extends Error {
  constructor(readonly command: IdempotentCommand) {
    super(`Idempotency-Key ${command.key} of ${command.operation} is already taken`);
    this.name = 'IdempotencyKeyTakenError';
  }
}

const WHERE_KEY = 'scope = $1 AND operation = $2 AND key = $3';

/** The `idempotency_key` table (libs/messaging/prisma/idempotency.prisma), in raw SQL. */
export const IdempotencyRepository = {
  /**
   * Inserts the key inside the command's transaction. A concurrent transaction holding the same
   * key makes this wait (unique index) until it ends: if it committed, nothing is inserted and
   * IdempotencyKeyTakenError rolls this transaction back; if it rolled back, the key is ours.
   */
  async claim(tx: SqlClient, command: IdempotentCommand): Promise<void> {
    const inserted = await tx.$queryRawUnsafe<unknown[]>(
      `INSERT INTO idempotency_key (scope, operation, key, request_hash) VALUES ($1, $2, $3, $4)
       ON CONFLICT DO NOTHING RETURNING 1 AS claimed`,
      command.scope,
      command.operation,
      command.key,
      command.requestHash,
    );
    if (inserted.length === 0) throw new IdempotencyKeyTakenError(command);
  },

  async find(db: SqlClient, command: IdempotentCommand): Promise<StoredKey | null> {
    const rows = await db.$queryRawUnsafe<KeyRow[]>(
      `SELECT request_hash, outcome, response, created_at FROM idempotency_key WHERE ${WHERE_KEY}`,
      command.scope,
      command.operation,
      command.key,
    );
    const row = rows[0];
    if (!row) return null;
    return { requestHash: row.request_hash, stored: toOutcome(row), createdAt: new Date(row.created_at) };
  },

  /** Records the reply once the command has answered (after its transaction committed). */
  async complete(db: SqlClient, command: IdempotentCommand, outcome: StoredOutcome): Promise<void> {
    const response = outcome.outcome === 'result' ? { value: outcome.value } : outcome.error;
    await db.$executeRawUnsafe(
      `UPDATE idempotency_key SET outcome = $4, response = $5::jsonb, completed_at = now() WHERE ${WHERE_KEY}`,
      command.scope,
      command.operation,
      command.key,
      outcome.outcome,
      JSON.stringify(response),
    );
  },

  /** Deletes up to `limit` keys created before `before`; returns how many. */
  async deleteOlderThan(db: SqlClient, before: Date, limit: number): Promise<number> {
    return db.$executeRawUnsafe(
      `DELETE FROM idempotency_key WHERE ctid IN (
         SELECT ctid FROM idempotency_key WHERE created_at < $1::timestamptz ORDER BY created_at LIMIT $2)`,
      before,
      limit,
    );
  },
};

function toOutcome(row: KeyRow): StoredOutcome | null {
  const response: unknown = typeof row.response === 'string' ? JSON.parse(row.response) : row.response;
  if (row.outcome === 'result') return { outcome: 'result', value: (response as { value?: unknown }).value };
  if (row.outcome === 'error') return { outcome: 'error', error: response as ErrorBody };
  return null;
}
