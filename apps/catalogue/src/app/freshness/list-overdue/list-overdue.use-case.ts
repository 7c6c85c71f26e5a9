import { Injectable } from '@nestjs/common';
import type { ListOverdueQuery, OverdueItem, OverdueReport } from '@gongkai/contracts';
import { Clock } from '@gongkai/service-kit';
import { DepartmentsRepository } from '../../departments/departments.repository';
import { ItemViews, isResponsible, toItemView } from '../../items/item-views';
import { ItemsRepository } from '../../items/items.repository';
import { PrismaService } from '../../prisma.service';
import { workingDaysOverdue } from '../freshness';

/** The stale items (past their next due date, as of now or `asOf`) grouped by lead department. */
@Injectable()
export class ListOverdueUseCase {
  constructor(
    private readonly prisma: PrismaService,
    private readonly clock: Clock,
    private readonly itemsRepository: ItemsRepository,
    private readonly itemViews: ItemViews,
    private readonly departmentsRepository: DepartmentsRepository,
  ) {}

  async execute(query: ListOverdueQuery): Promise<OverdueReport> {
    const asOf = query.asOf ? new Date(query.asOf) : this.clock.now();
    const items = await this.itemsRepository.find(this.prisma, { status: 'active' });
    const contexts = await this.itemViews.contexts(this.prisma, items, asOf);
    const overdue: OverdueItem[] = [];
    for (const item of items) {
      const context = contexts.get(item.id)!;
      if (query.departmentId && !isResponsible(context, query.departmentId)) continue;
      const view = toItemView(item, context, asOf);
      const { nextDueAt, dueReason } = view.freshness;
      if (!view.freshness.overdue || !nextDueAt || !dueReason) continue;
      overdue.push({
        id: item.id,
        code: item.code,
        title: item.title,
        categoryCode: item.categoryCode,
        scope: item.scope,
        leadDepartmentId: view.leadDepartmentId,
        coDepartmentIds: view.coDepartmentIds,
        nextDueAt,
        dueReason,
        lastPublishedAt: view.freshness.lastPublishedAt,
        workingDaysOverdue: workingDaysOverdue(new Date(nextDueAt), asOf),
      });
    }
    const names = await this.departmentsRepository.findByIds(
      this.prisma,
      overdue.flatMap((item) => (item.leadDepartmentId ? [item.leadDepartmentId] : [])),
    );
    return { asOf: asOf.toISOString(), total: overdue.length, departments: byLeadDepartment(overdue, names) };
  }
}

/**
 * One group per lead department (null: nobody is responsible), the departments with the most
 * overdue items first; in each, the items overdue longest first (then by code).
 */
export function byLeadDepartment(
  overdue: readonly OverdueItem[],
  names: ReadonlyMap<string, { name: string }>,
): OverdueReport['departments'] {
  const groups = new Map<string | null, OverdueItem[]>();
  for (const item of [...overdue].sort(
    (a, b) => a.nextDueAt.localeCompare(b.nextDueAt) || a.code.localeCompare(b.code),
  )) {
    groups.set(item.leadDepartmentId, [...(groups.get(item.leadDepartmentId) ?? []), item]);
  }
  return [...groups.entries()]
    .map(([departmentId, items]) => ({
      departmentId,
      departmentName: departmentId ? (names.get(departmentId)?.name ?? null) : null,
      items,
    }))
    .sort((a, b) => b.items.length - a.items.length);
}
