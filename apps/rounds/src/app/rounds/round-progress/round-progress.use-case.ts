import { Injectable } from '@nestjs/common';
import type { RoundProgress } from '@gongkai/contracts';
import { Clock } from '@gongkai/service-kit';
import { PrismaService } from '../../prisma.service';
import { DepartmentsRepository } from '../../projections/departments.repository';
import { RoundsErrors } from '../../shared/rounds.errors';
import { todayInShanghai } from '../../shared/time';
import { TasksRepository } from '../../tasks/tasks.repository';
import { RoundsRepository } from '../rounds.repository';

/** A round's progress per department: counts by status, overdue (as of today) and flagged. */
@Injectable()
export class RoundProgressUseCase {
  constructor(
    private readonly prisma: PrismaService,
    private readonly clock: Clock,
    private readonly roundsRepository: RoundsRepository,
    private readonly tasksRepository: TasksRepository,
    private readonly departmentsRepository: DepartmentsRepository,
  ) {}

  async execute(query: { roundId: string }): Promise<RoundProgress> {
    const round = await this.roundsRepository.findById(this.prisma, query.roundId);
    if (!round) throw RoundsErrors.roundNotFound(query.roundId);
    const counts = await this.tasksRepository.countsByDepartment(
      this.prisma,
      round.id,
      todayInShanghai(this.clock.now()),
    );
    const names = await this.departmentsRepository.names(
      this.prisma,
      counts.map((entry) => entry.departmentId),
    );
    return {
      roundId: round.id,
      departments: counts.map((entry) => ({
        ...entry,
        departmentName: names.get(entry.departmentId) ?? null,
      })),
    };
  }
}
