import { Injectable } from '@nestjs/common';
import type { ListTasksQuery, Page, RequestMeta, Task } from '@gongkai/contracts';
import { fitPageToBytes } from '@gongkai/messaging';
import { Clock } from '@gongkai/service-kit';
import { PrismaService } from '../../prisma.service';
import { PeopleRepository } from '../../projections/people.repository';
import { todayInShanghai } from '../../shared/time';
import { TaskReaders } from '../task-readers';
import { TaskViews } from '../task-views';
import { TasksRepository, type TaskFilter } from '../tasks.repository';

/**
 * Tasks for the people who work them, a page at a time (cursor: the last id seen), filtered by
 * round, department, status, overdue (as of today in Shanghai) and flagged:
 * - `mine=liaison`: the caller's own tasks (assigned to them);
 * - `mine=reviewer`: tasks of the departments where the caller reviews, by default those waiting
 *   for review (`status=submitted`).
 * Only a person has tasks: for an API client acting as itself, `mine` lists nothing.
 */
@Injectable()
export class ListTasksUseCase {
  constructor(
    private readonly prisma: PrismaService,
    private readonly clock: Clock,
    private readonly tasksRepository: TasksRepository,
    private readonly peopleRepository: PeopleRepository,
    private readonly taskViews: TaskViews,
    private readonly taskReaders: TaskReaders,
  ) {}

  async execute(query: ListTasksQuery, meta: RequestMeta): Promise<Page<Task>> {
    const now = this.clock.now();
    const today = todayInShanghai(now);
    const filter: TaskFilter = {
      roundId: query.roundId,
      departmentId: query.departmentId,
      status: query.status,
      overdue: query.overdue,
      flagged: query.flagged,
      today,
      after: query.cursor,
      limit: query.limit + 1,
    };
    if (query.mine) {
      if (meta.actor.kind !== 'person') return { items: [], nextCursor: null };
      if (query.mine === 'liaison') filter.assigneeId = meta.actor.id;
      else {
        filter.departmentIds = await this.peopleRepository.departmentsOf(
          this.prisma,
          meta.actor.id,
          'dept_reviewer',
          now,
        );
        filter.status = query.status ?? 'submitted';
      }
    }
    const tasks = await this.tasksRepository.find(this.prisma, filter);
    const page = tasks.slice(0, query.limit);
    // A submission carries the item's new body (up to 200,000 characters): cut to one bus message.
    return fitPageToBytes(
      {
        items: await this.taskReaders.shown(meta, await this.taskViews.views(this.prisma, page, today)),
        nextCursor: tasks.length > query.limit ? (page[page.length - 1]?.id ?? null) : null,
      },
      (task) => task.id,
    );
  }
}
