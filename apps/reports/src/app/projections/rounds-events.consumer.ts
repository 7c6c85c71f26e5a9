import { Injectable } from '@nestjs/common';
import { RoundsEvents, type EventDefinition } from '@gongkai/contracts';
import { on, type EventConsumer } from '@gongkai/messaging';
import type { z } from 'zod';
import type { ReportsTx } from '../prisma.service';
import { ProjectionsRepository } from './projections.repository';

interface RoundState {
  roundId: string;
  name: string;
  academicYear: string;
  half: string;
  noticeDate: string;
  deadline: string;
}
interface TaskState {
  taskId: string;
  roundId: string;
  itemId: string;
  departmentId: string;
  status: string;
  deadline: string;
}
const roundRow = (round: RoundState, status: string) => ({
  roundId: round.roundId,
  name: round.name,
  academicYear: round.academicYear,
  half: round.half,
  noticeDate: round.noticeDate,
  deadline: round.deadline,
  status,
});
const taskRow = (task: TaskState) => ({
  taskId: task.taskId,
  roundId: task.roundId,
  itemId: task.itemId,
  departmentId: task.departmentId,
  status: task.status,
  deadline: task.deadline,
});

const TASK_EVENTS = Object.values(RoundsEvents).filter(
  (definition) => definition.type.startsWith('rounds.task.') && definition !== RoundsEvents.taskApproved,
) as unknown as EventDefinition<z.ZodType<TaskState>>[];

/** Update rounds (when, how many tasks, the summary at closing) and their tasks' progress. */
@Injectable()
export class RoundsEventsConsumer implements EventConsumer<ReportsTx> {
  readonly name = 'rounds-events';
  readonly source = 'rounds' as const;
  readonly filter = 'evt.rounds.>';
  readonly ordering = 'aggregate-version' as const;
  readonly handlers = [
    on(RoundsEvents.roundCreated, (round, envelope, tx: ReportsTx) =>
      this.projectionsRepository.upsertRound(tx, roundRow(round, 'draft'), envelope.aggregateVersion),
    ),
    on(RoundsEvents.roundOpened, (round, envelope, tx: ReportsTx) =>
      this.projectionsRepository.upsertRound(
        tx,
        { ...roundRow(round, 'open'), taskCount: round.taskCount, openedAt: new Date(round.openedAt) },
        envelope.aggregateVersion,
      ),
    ),
    on(RoundsEvents.roundClosed, (round, envelope, tx: ReportsTx) =>
      this.projectionsRepository.upsertRound(
        tx,
        { ...roundRow(round, 'closed'), closedAt: new Date(round.closedAt), summary: round.summary },
        envelope.aggregateVersion,
      ),
    ),
    ...TASK_EVENTS.map((definition) =>
      on(definition, (task, envelope, tx: ReportsTx) =>
        this.projectionsRepository.upsertTask(
          tx,
          definition === (RoundsEvents.taskOverdue as unknown)
            ? { ...taskRow(task), overdue: true }
            : taskRow(task),
          envelope.aggregateVersion,
        ),
      ),
    ),
  ];

  constructor(private readonly projectionsRepository: ProjectionsRepository) {}
}
