import { Injectable } from '@nestjs/common';
import type { ReassignDepartment, ReassignmentResult, RequestMeta } from '@gongkai/contracts';
import { UnitOfWork } from '@gongkai/service-kit';
import { DepartmentCheck } from '../../departments/department-check';
import type { CatalogueTx } from '../../prisma.service';
import { requestContext } from '../../shared/event-context';
import { ReassignItemsUseCase } from '../reassign-items/reassign-items.use-case';

/**
 * One transaction for the whole reassignment: either every affected item gets its revision, or
 * (an unknown department, a date before an item's latest revision) none does.
 */
@Injectable()
export class ReassignDepartmentUseCase {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly departmentCheck: DepartmentCheck,
    private readonly reassignItems: ReassignItemsUseCase,
  ) {}

  execute(body: ReassignDepartment, meta: RequestMeta): Promise<ReassignmentResult> {
    return this.unitOfWork.run(
      async (tx: CatalogueTx) => {
        // The departments being replaced may already be dissolved; the successor must be active.
        await this.departmentCheck.assertActive(tx, [
          { path: ['toDepartmentId'], departmentId: body.toDepartmentId },
        ]);
        return this.reassignItems.execute(tx, {
          reassignment: {
            fromDepartmentIds: body.fromDepartmentIds,
            toDepartmentId: body.toDepartmentId,
            reason: body.reason,
            effectiveDate: body.effectiveDate,
            reorganisationRef: `request:${meta.correlationId}`,
            onLaterRevision: 'refuse',
          },
          context: requestContext(meta),
        });
      },
      { timeoutMs: 30_000 },
    );
  }
}
