import { Injectable } from '@nestjs/common';
import { PrismaService } from '../prisma.service';
import type { DashboardInputs } from './dashboard';

/** Reads what the dashboard is computed from. */
@Injectable()
export class DashboardRepository {
  constructor(private readonly prisma: PrismaService) {}

  async inputsAt(now: Date): Promise<DashboardInputs> {
    const [caseEvents, rounds, tasks] = await Promise.all([
      this.prisma.reportCaseEvent.findMany({ orderBy: [{ caseId: 'asc' }, { aggregateVersion: 'asc' }] }),
      this.prisma.reportRound.findMany({ where: { status: 'open' } }),
      this.prisma.reportTask.findMany({ where: { status: { not: 'published' } } }),
    ]);
    return {
      now,
      caseEvents: caseEvents.map((event) => ({
        ...event,
        details: (event.details ?? {}) as Record<string, unknown>,
      })),
      rounds,
      tasks,
    };
  }
}
