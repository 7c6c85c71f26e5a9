import { Injectable } from '@nestjs/common';
import type { HistoryEntry, Round } from '@gongkai/contracts';
import { HistoryRepository } from '../history/history.repository';
import type { RoundsTx } from '../prisma.service';
import { iso } from '../shared/time';
import type { RoundRecord } from './rounds.repository';

export function toRoundView(round: RoundRecord, history: readonly HistoryEntry[]): Round {
  return {
    id: round.id,
    name: round.name,
    academicYear: round.academicYear,
    half: round.half,
    noticeText: round.noticeText,
    noticeDate: round.noticeDate,
    scope: round.scope,
    deadlineRule: round.deadlineRule,
    deadline: round.deadline,
    reminderWorkingDaysBefore: round.reminderWorkingDaysBefore,
    status: round.status,
    openedAt: iso(round.openedAt),
    closedAt: iso(round.closedAt),
    closedForcedReason: round.closedForcedReason,
    taskCount: round.taskCount,
    summary: round.summary,
    history: [...history],
    createdAt: round.createdAt.toISOString(),
    updatedAt: round.updatedAt.toISOString(),
  };
}

/** Rounds as the API shows them, with their history. */
@Injectable()
export class RoundViews {
  constructor(private readonly historyRepository: HistoryRepository) {}

  async views(db: RoundsTx, rounds: readonly RoundRecord[]): Promise<Round[]> {
    if (rounds.length === 0) return [];
    const history = await this.historyRepository.ofRounds(
      db,
      rounds.map((round) => round.id),
    );
    return rounds.map((round) => toRoundView(round, history.get(round.id) ?? []));
  }

  async view(db: RoundsTx, round: RoundRecord): Promise<Round> {
    const [view] = await this.views(db, [round]);
    return view as Round;
  }
}
