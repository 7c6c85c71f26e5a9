import { Injectable } from '@nestjs/common';
import { PrismaService } from '../prisma.service';
import type { DashboardInputs } from './dashboard';

/** Reads what the dashboard is computed from. */
@Injectable()
export class DashboardRepository {
  constructor(private readonly prisma: PrismaService) {}

  async inputsAt(now: Date): Promise<DashboardInputs> {
    const rounds = await this.prisma.reportRound.findMany({ where: { status: 'open' } });
    const [caseEvents, tasks, departments] = await Promise.all([
      this.prisma.reportCaseEvent.findMany({ orderBy: [{ caseId: 'asc' }, { aggregateVersion: 'asc' }] }),
      // Every task of an open round (its progress), and any other task not yet published (overdue).
      this.prisma.reportTask.findMany({
        where: {
          OR: [{ roundId: { in: rounds.map((round) => round.roundId) } }, { status: { not: 'published' } }],
        },
      }),
      this.prisma.departmentProjection.findMany({ select: { id: true, name: true } }),
    ]);
    return {
      now,
      caseEvents: caseEvents.map((event) => ({
        ...event,
        details: (event.details ?? {}) as Record<string, unknown>,
      })),
      rounds,
      tasks,
      departmentNames: new Map(departments.map((department) => [department.id, department.name])),
    };
  }
}
