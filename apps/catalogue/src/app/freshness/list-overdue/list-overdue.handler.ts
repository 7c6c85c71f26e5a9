import { Controller } from '@nestjs/common';
import { CatalogueRpc, type OverdueItem, type OverdueReport } from '@gongkai/contracts';
import { RpcHandler, type RpcRequest } from '@gongkai/messaging';
import { DepartmentsRepository } from '../../departments/departments.repository';
import { ItemViews, isResponsible, toItemView } from '../../items/item-views';
import { ItemsRepository } from '../../items/items.repository';
import { PrismaService } from '../../prisma.service';
import { workingDaysOverdue } from '../freshness';

/** The stale items (past their next due date) grouped by lead department, most overdue first. */
@Controller()
export class ListOverdueHandler {
  constructor(
    private readonly prisma: PrismaService,
    private readonly itemsRepository: ItemsRepository,
    private readonly itemViews: ItemViews,
    private readonly departmentsRepository: DepartmentsRepository,
  ) {}

  @RpcHandler(CatalogueRpc.listOverdue)
  async list(call: RpcRequest<typeof CatalogueRpc.listOverdue>): Promise<OverdueReport> {
    const { body } = call;
    const asOf = body.asOf ? new Date(body.asOf) : new Date();
    const items = await this.itemsRepository.find(this.prisma, { status: 'active' });
    const contexts = await this.itemViews.contexts(this.prisma, items, asOf);
    const overdue: OverdueItem[] = [];
    for (const item of items) {
      const context = contexts.get(item.id)!;
      if (body.departmentId && !isResponsible(context, body.departmentId)) continue;
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
    const groups = new Map<string | null, OverdueItem[]>();
    for (const item of overdue.sort(
      (a, b) => a.nextDueAt.localeCompare(b.nextDueAt) || a.code.localeCompare(b.code),
    )) {
      groups.set(item.leadDepartmentId, [...(groups.get(item.leadDepartmentId) ?? []), item]);
    }
    const names = await this.departmentsRepository.findByIds(
      this.prisma,
      [...groups.keys()].filter((id): id is string => id !== null),
    );
    return {
      asOf: asOf.toISOString(),
      total: overdue.length,
      departments: [...groups.entries()]
        .map(([departmentId, groupItems]) => ({
          departmentId,
          departmentName: departmentId ? (names.get(departmentId)?.name ?? null) : null,
          items: groupItems,
        }))
        .sort((a, b) => b.items.length - a.items.length),
    };
  }
}
