import { Injectable } from '@nestjs/common';
import { DomainError, RoundsErrorReasons, type RequestMeta } from '@gongkai/contracts';
import type { EventContext } from '@gongkai/messaging';
import { PrismaService, type RoundsTx } from '../prisma.service';
import { RoundsRepository, type RoundRecord } from '../rounds/rounds.repository';
import { RoundsErrors } from '../shared/rounds.errors';
import { TasksRepository, type TaskRecord } from './tasks.repository';

/** What every task command starts from: the task, locked, in its open round. */
export interface LockedTask {
  task: TaskRecord;
  round: RoundRecord;
}

/**
 * The steps every task command shares: find the task (before deciding who may act on it, for its
 * department), then, inside the unit of work, lock it, check it did not move meanwhile and that its
 * round is open.
 */
@Injectable()
export class TaskCommand {
  constructor(
    private readonly prisma: PrismaService,
    private readonly tasksRepository: TasksRepository,
    private readonly roundsRepository: RoundsRepository,
  ) {}

  async find(taskId: string): Promise<TaskRecord> {
    const task = await this.tasksRepository.findById(this.prisma, taskId);
    if (!task) throw RoundsErrors.taskNotFound(taskId);
    return task;
  }

  /** `decidedFor`: the department the caller was allowed for; the task must still be there. */
  async lock(tx: RoundsTx, taskId: string, decidedFor: string | null): Promise<LockedTask> {
    const task = await this.tasksRepository.lock(tx, taskId);
    if (!task) throw RoundsErrors.taskNotFound(taskId);
    if (decidedFor !== null && task.departmentId !== decidedFor) {
      throw DomainError.because(
        RoundsErrorReasons.TASK_MOVED,
        `Task ${task.id} moved from department ${decidedFor} to ${task.departmentId} while this command ran; ` +
          'read it (GET /tasks/{id}) and send the command again if it is still yours',
        { taskId: task.id, departmentId: task.departmentId, decidedFor },
      );
    }
    const round = await this.roundsRepository.findById(tx, task.roundId);
    if (!round || round.status !== 'open') {
      throw DomainError.because(
        RoundsErrorReasons.ROUND_NOT_OPEN,
        `Round ${task.roundId} of task ${task.id} is ${round?.status ?? 'missing'}: its tasks can be worked only while it is open`,
        { taskId: task.id, roundId: task.roundId, status: round?.status ?? null },
      );
    }
    return { task, round };
  }

  events(meta: RequestMeta, occurredAt: Date): EventContext {
    return { source: 'rounds', actor: meta.actor, correlationId: meta.correlationId, occurredAt };
  }
}
