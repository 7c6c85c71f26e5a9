import { Injectable } from '@nestjs/common';
import { v7 as uuidv7 } from 'uuid';
import { ActorSchema, type Actor, type HistoryEntry } from '@gongkai/contracts';
import type { RoundsTx } from '../prisma.service';

export interface NewHistoryEntry {
  roundId: string;
  taskId?: string | null;
  action: string;
  actor: Actor;
  occurredAt: Date;
  comments?: string | null;
}

/** The only code that touches `history_entry`: who did what to a round or a task, and when. */
@Injectable()
export class HistoryRepository {
  async append(tx: RoundsTx, entries: NewHistoryEntry | NewHistoryEntry[]): Promise<void> {
    const list = Array.isArray(entries) ? entries : [entries];
    if (list.length === 0) return;
    await tx.historyEntry.createMany({
      data: list.map((entry) => ({
        id: uuidv7(),
        roundId: entry.roundId,
        taskId: entry.taskId ?? null,
        action: entry.action,
        actor: entry.actor,
        occurredAt: entry.occurredAt,
        comments: entry.comments ?? null,
      })),
    });
  }

  /** Each task's history, oldest first. */
  async ofTasks(db: RoundsTx, taskIds: readonly string[]): Promise<Map<string, HistoryEntry[]>> {
    const rows = await db.historyEntry.findMany({
      where: { taskId: { in: [...taskIds] } },
      orderBy: [{ recordedAt: 'asc' }, { id: 'asc' }],
    });
    const byTask = new Map<string, HistoryEntry[]>();
    for (const row of rows) {
      const list = byTask.get(row.taskId as string) ?? [];
      list.push(toHistoryEntry(row));
      byTask.set(row.taskId as string, list);
    }
    return byTask;
  }

  /** When one of `actions` last happened to the task (business time), or null. */
  async lastOccurredAt(db: RoundsTx, taskId: string, actions: readonly string[]): Promise<Date | null> {
    const row = await db.historyEntry.findFirst({
      where: { taskId, action: { in: [...actions] } },
      orderBy: { occurredAt: 'desc' },
      select: { occurredAt: true },
    });
    return row?.occurredAt ?? null;
  }

  /** Each round's own history (not its tasks'), oldest first. */
  async ofRounds(db: RoundsTx, roundIds: readonly string[]): Promise<Map<string, HistoryEntry[]>> {
    const rows = await db.historyEntry.findMany({
      where: { roundId: { in: [...roundIds] }, taskId: null },
      orderBy: [{ recordedAt: 'asc' }, { id: 'asc' }],
    });
    const byRound = new Map<string, HistoryEntry[]>();
    for (const row of rows) {
      const list = byRound.get(row.roundId) ?? [];
      list.push(toHistoryEntry(row));
      byRound.set(row.roundId, list);
    }
    return byRound;
  }
}

function toHistoryEntry(row: {
  action: string;
  actor: unknown;
  occurredAt: Date;
  recordedAt: Date;
  comments: string | null;
}): HistoryEntry {
  return {
    action: row.action,
    actor: ActorSchema.parse(row.actor),
    occurredAt: row.occurredAt.toISOString(),
    recordedAt: row.recordedAt.toISOString(),
    comments: row.comments,
  };
}
