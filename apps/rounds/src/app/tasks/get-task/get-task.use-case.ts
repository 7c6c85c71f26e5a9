import { Injectable } from '@nestjs/common';
import type { Task } from '@gongkai/contracts';
import { Clock } from '@gongkai/service-kit';
import { PrismaService } from '../../prisma.service';
import { RoundsErrors } from '../../shared/rounds.errors';
import { todayInShanghai } from '../../shared/time';
import { TaskViews } from '../task-views';
import { TasksRepository } from '../tasks.repository';

@Injectable()
export class GetTaskUseCase {
  constructor(
    private readonly prisma: PrismaService,
    private readonly clock: Clock,
    private readonly tasksRepository: TasksRepository,
    private readonly taskViews: TaskViews,
  ) {}

  async execute(query: { taskId: string }): Promise<Task> {
    const task = await this.tasksRepository.findById(this.prisma, query.taskId);
    if (!task) throw RoundsErrors.taskNotFound(query.taskId);
    return this.taskViews.view(this.prisma, task, todayInShanghai(this.clock.now()));
  }
}
