import { Injectable } from '@nestjs/common';
import { v7 as uuidv7 } from 'uuid';
import { RoundCreatedV1, type CreateRound, type RequestMeta, type Round } from '@gongkai/contracts';
import { emitEvent } from '@gongkai/messaging';
import { Clock, UnitOfWork, businessTimeOf } from '@gongkai/service-kit';
import { HistoryRepository } from '../../history/history.repository';
import type { RoundsTx } from '../../prisma.service';
import { deadlineOf } from '../round-rules';
import { toRoundView } from '../round-views';
import { RoundsRepository } from '../rounds.repository';

/** A draft round: its notice, scope and deadline. Nothing happens to tasks until it is opened. */
@Injectable()
export class CreateRoundUseCase {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly clock: Clock,
    private readonly roundsRepository: RoundsRepository,
    private readonly historyRepository: HistoryRepository,
  ) {}

  async execute(command: CreateRound, meta: RequestMeta): Promise<Round> {
    const now = this.clock.now();
    const createdAt = businessTimeOf(command.occurredAt, now);
    const deadline = deadlineOf(command.noticeDate, command.deadline);
    return this.unitOfWork.run(async (tx: RoundsTx) => {
      const round = await this.roundsRepository.insert(tx, {
        id: uuidv7(),
        name: command.name,
        academicYear: command.academicYear,
        half: command.half,
        noticeText: command.noticeText,
        noticeDate: command.noticeDate,
        scope: command.scope,
        deadlineRule: command.deadline,
        deadline,
        reminderWorkingDaysBefore: [...command.reminderWorkingDaysBefore].sort((a, b) => b - a),
        createdAt: now,
      });
      await this.historyRepository.append(tx, {
        roundId: round.id,
        action: 'created',
        actor: meta.actor,
        occurredAt: createdAt,
      });
      await emitEvent(
        tx,
        RoundCreatedV1,
        {
          roundId: round.id,
          name: round.name,
          academicYear: round.academicYear,
          half: round.half,
          noticeDate: round.noticeDate,
          deadline: round.deadline,
          scope: round.scope,
        },
        { source: 'rounds', actor: meta.actor, correlationId: meta.correlationId, occurredAt: createdAt },
      );
      const history = await this.historyRepository.ofRounds(tx, [round.id]);
      return toRoundView(round, history.get(round.id) ?? []);
    });
  }
}
