import { Injectable } from '@nestjs/common';
import { PrismaService } from '../prisma.service';
import { caseAtFromJson } from '../annual/case-fold';
import { startOfPreviousMonth, type DashboardInputs } from './dashboard';

/** Reads what the dashboard is computed from. */
@Injectable()
export class DashboardRepository {
  constructor(private readonly prisma: PrismaService) {}

  async inputsAt(now: Date): Promise<DashboardInputs> {
    const rounds = await this.prisma.reportRound.findMany({ where: { status: 'open' } });
    const [cases, tasks, departments] = await Promise.all([
      // Open cases, and every case received since the start of last month (this month's and last month's rates).
      this.prisma.reportCase.findMany({
        where: {
          OR: [{ currentStatus: { not: 'closed' } }, { receivedAt: { gte: startOfPreviousMonth(now) } }],
        },
        select: { currentState: true },
      }),
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
      cases: cases.map((row) => caseAtFromJson(row.currentState)),
      rounds,
      tasks,
      departmentNames: new Map(departments.map((department) => [department.id, department.name])),
    };
  }
}
