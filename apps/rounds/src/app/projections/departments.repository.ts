import { Injectable } from '@nestjs/common';
import type { CalendarDate } from '@gongkai/calendar';
import type { RoundsTx } from '../prisma.service';
import { fromCalendarDate } from '../shared/time';

/**
 * The only code that touches `department_succession`, and reads `department_projection` (which
 * @gongkai/department-projection keeps): names for progress, and where a dissolved department's
 * work went.
 */
@Injectable()
export class DepartmentsRepository {
  async names(db: RoundsTx, ids: readonly string[]): Promise<Map<string, string>> {
    const rows = await db.departmentProjection.findMany({
      where: { id: { in: [...ids] } },
      select: { id: true, name: true },
    });
    return new Map(rows.map((row) => [row.id, row.name]));
  }

  async recordSuccession(
    tx: RoundsTx,
    succession: {
      departmentId: string;
      successorId: string | null;
      reorganisationId: string;
      kind: 'merged' | 'dissolved' | 'split';
      effectiveDate: CalendarDate;
    },
  ): Promise<void> {
    const data = { ...succession, effectiveDate: fromCalendarDate(succession.effectiveDate) };
    await tx.departmentSuccession.upsert({
      where: { departmentId: succession.departmentId },
      create: data,
      update: data,
    });
  }

  /**
   * Where a department's work goes today: itself while it exists, else its successor's (following
   * merges into departments merged later), or null when it was dissolved without one.
   */
  async current(db: RoundsTx, departmentId: string): Promise<string | null> {
    let current: string | null = departmentId;
    const seen = new Set<string>();
    while (current !== null && !seen.has(current)) {
      seen.add(current);
      const succession: { successorId: string | null } | null = await db.departmentSuccession.findUnique({
        where: { departmentId: current },
        select: { successorId: true },
      });
      if (!succession) return current;
      current = succession.successorId;
    }
    return current;
  }
}
