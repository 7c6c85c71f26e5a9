import { Controller } from '@nestjs/common';
import { CatalogueRpc, type ResponsibilityRevision } from '@gongkai/contracts';
import { RpcHandler, type RpcRequest } from '@gongkai/messaging';
import { UnitOfWork } from '@gongkai/service-kit';
import { DepartmentCheck } from '../../departments/department-check';
import { ItemsRepository } from '../../items/items.repository';
import type { CatalogueTx } from '../../prisma.service';
import { CatalogueErrors } from '../../shared/catalogue.errors';
import { ResponsibilityWriter } from '../responsibility-writer';

@Controller()
export class ReviseResponsibilityHandler {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly itemsRepository: ItemsRepository,
    private readonly departmentCheck: DepartmentCheck,
    private readonly responsibilityWriter: ResponsibilityWriter,
  ) {}

  @RpcHandler(CatalogueRpc.reviseResponsibility)
  async revise(call: RpcRequest<typeof CatalogueRpc.reviseResponsibility>): Promise<ResponsibilityRevision> {
    const { meta, body } = call;
    const revision = await this.unitOfWork.run(async (tx: CatalogueTx) => {
      const item = await this.itemsRepository.lock(tx, body.itemId);
      if (!item) throw CatalogueErrors.itemNotFound(body.itemId);
      await this.departmentCheck.assertActive(
        tx,
        this.departmentCheck.responsibilityFields(body.leadDepartmentId, body.coDepartmentIds),
      );
      return this.responsibilityWriter.append(
        tx,
        item,
        {
          leadDepartmentId: body.leadDepartmentId,
          coDepartmentIds: body.coDepartmentIds,
          reason: body.reason,
          effectiveDate: body.effectiveDate,
          trigger: 'manual',
        },
        { source: 'catalogue', actor: meta.actor, correlationId: meta.correlationId },
      );
    });
    return revision;
  }
}
