import { Inject, Injectable } from '@nestjs/common';
import { v7 as uuidv7 } from 'uuid';
import { TaskOverdueV1, TaskReminderDueV1 } from '@gongkai/contracts';
import { emitEvent, type EventContext } from '@gongkai/messaging';
import { UnitOfWork } from '@gongkai/service-kit';
import { ROUNDS_CONFIG, type RoundsConfig } from '../../config/rounds-config';
import { HistoryRepository } from '../../history/history.repository';
import { PrismaService, type RoundsTx } from '../../prisma.service';
import { PeopleRepository } from '../../projections/people.repository';
import { RoundsRepository, type RoundRecord } from '../../rounds/rounds.repository';
import { todayInShanghai } from '../../shared/time';
import { taskState } from '../../tasks/task-events';
import { TasksRepository, type TaskRecord } from '../../tasks/tasks.repository';
import { dueNotice, type DueNotice } from '../notice-rules';

export interface NoticeCounts {
  reminders: number;
  escalations: number;
}

const SYSTEM = { kind: 'system' as const, id: 'rounds-notices' };

/**
 * Reminders (N working days before the deadline, per round) and overdue escalations to the
 * disclosure office, for tasks still waiting for their submission: each emitted exactly once, with
 * nobody running a job.
 * - Once: a `task_notice (task, kind, day)` row and its event's outbox row are written in one
 *   transaction, and the key refuses a second row. A pass cut off by a crash leaves either both
 *   or neither; the next pass (on any replica) sends what is left.
 * - Replicas share the work: each transaction takes up to ROUNDS_NOTICE_BATCH_SIZE tasks
 *   `FOR UPDATE SKIP LOCKED`, so two passes at once never take the same task.
 * - `at` is the pass's clock (the service's Clock), so a test can run it on any date.
 */
@Injectable()
export class SendNoticesUseCase {
  constructor(
    @Inject(ROUNDS_CONFIG) private readonly config: RoundsConfig,
    private readonly prisma: PrismaService,
    private readonly unitOfWork: UnitOfWork,
    private readonly roundsRepository: RoundsRepository,
    private readonly tasksRepository: TasksRepository,
    private readonly peopleRepository: PeopleRepository,
    private readonly historyRepository: HistoryRepository,
  ) {}

  /** `shouldStop` is asked before each transaction: a replica shutting down ends its pass there. */
  async execute(at: Date, shouldStop: () => boolean = () => false): Promise<NoticeCounts> {
    const today = todayInShanghai(at);
    const counts: NoticeCounts = { reminders: 0, escalations: 0 };
    for (const round of await this.roundsRepository.findOpen(this.prisma)) {
      const due = dueNotice(round.deadline, round.reminderWorkingDaysBefore, today);
      if (!due) continue;
      for (;;) {
        if (shouldStop()) return counts;
        const sent = await this.sendBatch(round, due, at);
        if (due.kind === 'reminder') counts.reminders += sent.count;
        else counts.escalations += sent.count;
        if (sent.taken < this.config.notices.batchSize) break;
        if (this.config.notices.batchPauseMs > 0) await pause(this.config.notices.batchPauseMs);
      }
    }
    return counts;
  }

  private sendBatch(round: RoundRecord, due: DueNotice, at: Date): Promise<{ taken: number; count: number }> {
    return this.unitOfWork.run(async (tx: RoundsTx) => {
      const tasks = await this.tasksRepository.lockAwaitingNotice(tx, {
        roundId: round.id,
        kind: due.kind,
        day: due.day,
        limit: this.config.notices.batchSize,
      });
      if (tasks.length === 0) return { taken: 0, count: 0 };
      const admins = (await this.peopleRepository.holders(tx, 'disclosure_admin', [null], at)).map(
        (holder) => holder.personId,
      );
      const context: EventContext = {
        source: 'rounds',
        actor: SYSTEM,
        correlationId: `notices-${round.id}-${due.kind}-${due.day}`,
        occurredAt: at,
      };
      let count = 0;
      for (const task of tasks) {
        const notice = { taskId: task.id, kind: due.kind, day: due.day, eventId: uuidv7() };
        if (!(await this.tasksRepository.insertNotice(tx, notice))) continue;
        const envelope =
          due.kind === 'reminder'
            ? await emitEvent(
                tx,
                TaskReminderDueV1,
                {
                  ...taskState(task),
                  workingDaysBefore: due.workingDaysBefore,
                  recipientIds: await this.reminderRecipients(tx, task, admins, at),
                },
                context,
              )
            : await emitEvent(
                tx,
                TaskOverdueV1,
                {
                  ...taskState(task),
                  recipientIds: task.assigneeId ? [task.assigneeId] : [],
                  escalateToIds: admins,
                },
                context,
              );
        await this.tasksRepository.setNoticeEvent(tx, { ...notice, eventId: envelope.id });
        await this.historyRepository.append(tx, {
          roundId: task.roundId,
          taskId: task.id,
          action: due.kind === 'reminder' ? 'reminded' : 'escalated as overdue',
          actor: SYSTEM,
          occurredAt: at,
          comments:
            due.kind === 'reminder'
              ? `${due.workingDaysBefore} working day(s) before the deadline ${task.deadline}`
              : `deadline ${task.deadline} passed without a submission`,
        });
        count += 1;
      }
      return { taken: tasks.length, count };
    });
  }

  /** The task's liaison; with nobody assigned, the department's liaisons, else the office. */
  private async reminderRecipients(
    tx: RoundsTx,
    task: TaskRecord,
    admins: string[],
    at: Date,
  ): Promise<string[]> {
    if (task.assigneeId) return [task.assigneeId];
    const liaisons = await this.peopleRepository.holders(tx, 'dept_liaison', [task.departmentId], at);
    return liaisons.length > 0 ? [...new Set(liaisons.map((holder) => holder.personId))] : admins;
  }
}

function pause(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
