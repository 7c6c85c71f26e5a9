import { Controller } from '@nestjs/common';
import { CatalogueRpc, type ReassignmentResult } from '@gongkai/contracts';
import { RpcHandler, type RpcRequest } from '@gongkai/messaging';
import { UnitOfWork } from '@gongkai/service-kit';
import { DepartmentCheck } from '../../departments/department-check';
import type { CatalogueTx } from '../../prisma.service';
import { DepartmentReassignment } from '../department-reassignment';

/**
 * One transaction for the whole reassignment: either every affected item gets its revision, or
 * (an unknown department, a date before an item's latest revision) none does.
 */
@Controller()
export class ReassignDepartmentHandler {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly departmentCheck: DepartmentCheck,
    private readonly departmentReassignment: DepartmentReassignment,
  ) {}

  @RpcHandler(CatalogueRpc.reassignDepartment)
  async reassign(call: RpcRequest<typeof CatalogueRpc.reassignDepartment>): Promise<ReassignmentResult> {
    const { meta, body } = call;
    const result = await this.unitOfWork.run(
      async (tx: CatalogueTx) => {
        // The departments being replaced may already be dissolved; the successor must be active.
        await this.departmentCheck.assertActive(tx, [
          { path: ['toDepartmentId'], departmentId: body.toDepartmentId },
        ]);
        return this.departmentReassignment.apply(
          tx,
          {
            fromDepartmentIds: body.fromDepartmentIds,
            toDepartmentId: body.toDepartmentId,
            reason: body.reason,
            effectiveDate: body.effectiveDate,
            reorganisationRef: `request:${meta.correlationId}`,
            onLaterRevision: 'refuse',
          },
          { source: 'catalogue', actor: meta.actor, correlationId: meta.correlationId },
        );
      },
      { timeoutMs: 30_000 },
    );
    return result;
  }
}
