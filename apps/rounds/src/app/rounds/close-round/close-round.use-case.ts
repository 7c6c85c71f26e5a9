import { Injectable } from '@nestjs/common';
import {
  DomainError,
  RoundClosedV1,
  RoundsErrorReasons,
  type RequestMeta,
  type Round,
} from '@gongkai/contracts';
import { emitEvent } from '@gongkai/messaging';
import { Clock, UnitOfWork, businessTimeOf } from '@gongkai/service-kit';
import { HistoryRepository } from '../../history/history.repository';
import type { RoundsTx } from '../../prisma.service';
import { RoundsErrors } from '../../shared/rounds.errors';
import { todayInShanghai } from '../../shared/time';
import { assertNotBeforePrevious, isOverdue } from '../../tasks/task-rules';
import { TasksRepository } from '../../tasks/tasks.repository';
import { summarise } from '../round-rules';
import { RoundViews } from '../round-views';
import { RoundsRepository } from '../rounds.repository';

/**
 * Closes an open round and records its summary (RoundSummarySchema), also carried by
 * evt.rounds.round.closed. Refused while a task waits between submission and approval, unless
 * forced with a reason (those tasks then count as unfinished). Overdue is counted as of the
 * closing day (business time).
 */
@Injectable()
export class CloseRoundUseCase {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly clock: Clock,
    private readonly roundsRepository: RoundsRepository,
    private readonly tasksRepository: TasksRepository,
    private readonly historyRepository: HistoryRepository,
    private readonly roundViews: RoundViews,
  ) {}

  async execute(
    command: { roundId: string; force: boolean; reason?: string; occurredAt?: string },
    meta: RequestMeta,
  ): Promise<Round> {
    const now = this.clock.now();
    const closedAt = businessTimeOf(command.occurredAt, now);
    return this.unitOfWork.run(async (tx: RoundsTx) => {
      const round = await this.roundsRepository.lock(tx, command.roundId);
      if (!round) throw RoundsErrors.roundNotFound(command.roundId);
      if (round.status !== 'open') {
        throw DomainError.because(
          RoundsErrorReasons.ROUND_NOT_OPEN,
          round.status === 'draft'
            ? `Round ${round.id} is a draft: open it first (POST /rounds/${round.id}/open), or leave it unopened`
            : `Round ${round.id} is already closed; its summary was recorded then`,
          { roundId: round.id, status: round.status },
        );
      }
      assertNotBeforePrevious(closedAt, round.openedAt, 'the round was opened');
      const tasks = await this.tasksRepository.ofRound(tx, round.id);
      const waiting = tasks.filter((task) => task.status === 'submitted' || task.status === 'reviewed');
      if (waiting.length > 0 && !command.force) {
        throw DomainError.because(
          RoundsErrorReasons.ROUND_HAS_TASKS_IN_REVIEW,
          `${waiting.length} task(s) of round ${round.id} wait between submission and approval ` +
            `(${waiting
              .slice(0, 5)
              .map((task) => `${task.itemCode}: ${task.status}`)
              .join(', ')}` +
            `${waiting.length > 5 ? ', …' : ''}). Review and approve or return them first, ` +
            'or close with "force": true and a reason',
          { roundId: round.id, taskIds: waiting.map((task) => task.id) },
        );
      }
      const today = todayInShanghai(closedAt);
      const summary = summarise(
        tasks.map((task) => ({
          status: task.status,
          noChange: task.submission?.noChange ?? null,
          returnCount: task.returnCount,
          overdue: isOverdue(task, today),
          lateSubmission: task.lateSubmission,
        })),
      );
      const forcedReason = command.force ? (command.reason ?? null) : null;
      const closed = await this.roundsRepository.markClosed(tx, round.id, {
        closedAt,
        forcedReason,
        summary,
        at: now,
      });
      await this.historyRepository.append(tx, {
        roundId: round.id,
        action: forcedReason ? 'closed (forced)' : 'closed',
        actor: meta.actor,
        occurredAt: closedAt,
        comments: forcedReason,
      });
      await emitEvent(
        tx,
        RoundClosedV1,
        {
          roundId: closed.id,
          name: closed.name,
          academicYear: closed.academicYear,
          half: closed.half,
          noticeDate: closed.noticeDate,
          deadline: closed.deadline,
          scope: closed.scope,
          closedAt: closedAt.toISOString(),
          forced: forcedReason !== null,
          forcedReason,
          summary,
        },
        { source: 'rounds', actor: meta.actor, correlationId: meta.correlationId, occurredAt: closedAt },
      );
      return this.roundViews.view(tx, closed);
    });
  }
}
