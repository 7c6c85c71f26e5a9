import { Injectable } from '@nestjs/common';
import type { RequestMeta, ResponsibilityRevision, ReviseResponsibility } from '@gongkai/contracts';
import { UnitOfWork } from '@gongkai/service-kit';
import { DepartmentCheck } from '../../departments/department-check';
import { ItemsRepository } from '../../items/items.repository';
import type { CatalogueTx } from '../../prisma.service';
import { CatalogueErrors } from '../../shared/catalogue.errors';
import { requestContext } from '../../shared/event-context';
import { AppendRevisionUseCase } from '../append-revision/append-revision.use-case';

/** A revision by hand (调整责任分工): active departments only, on or after the item's latest revision. */
@Injectable()
export class ReviseResponsibilityUseCase {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly itemsRepository: ItemsRepository,
    private readonly departmentCheck: DepartmentCheck,
    private readonly appendRevision: AppendRevisionUseCase,
  ) {}

  execute(body: ReviseResponsibility, meta: RequestMeta): Promise<ResponsibilityRevision> {
    return this.unitOfWork.run(async (tx: CatalogueTx) => {
      const item = await this.itemsRepository.lock(tx, body.itemId);
      if (!item) throw CatalogueErrors.itemNotFound(body.itemId);
      await this.departmentCheck.assertActive(
        tx,
        this.departmentCheck.responsibilityFields(body.leadDepartmentId, body.coDepartmentIds),
      );
      return this.appendRevision.execute(tx, {
        item,
        revision: {
          leadDepartmentId: body.leadDepartmentId,
          coDepartmentIds: body.coDepartmentIds,
          reason: body.reason,
          effectiveDate: body.effectiveDate,
          trigger: 'manual',
        },
        context: requestContext(meta),
      });
    });
  }
}
