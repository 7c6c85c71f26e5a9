import { Injectable } from '@nestjs/common';
import type { RequestMeta, Task } from '@gongkai/contracts';
import { Clock } from '@gongkai/service-kit';
import { PrismaService } from '../../prisma.service';
import { RoundsErrors } from '../../shared/rounds.errors';
import { todayInShanghai } from '../../shared/time';
import { TaskReaders } from '../task-readers';
import { TaskViews } from '../task-views';
import { TasksRepository } from '../tasks.repository';

@Injectable()
export class GetTaskUseCase {
  constructor(
    private readonly prisma: PrismaService,
    private readonly clock: Clock,
    private readonly tasksRepository: TasksRepository,
    private readonly taskViews: TaskViews,
    private readonly taskReaders: TaskReaders,
  ) {}

  async execute(query: { taskId: string }, meta: RequestMeta): Promise<Task> {
    const task = await this.tasksRepository.findById(this.prisma, query.taskId);
    if (!task) throw RoundsErrors.taskNotFound(query.taskId);
    const view = await this.taskViews.view(this.prisma, task, todayInShanghai(this.clock.now()));
    const [shown] = await this.taskReaders.shown(meta, [view]);
    return shown as Task;
  }
}
