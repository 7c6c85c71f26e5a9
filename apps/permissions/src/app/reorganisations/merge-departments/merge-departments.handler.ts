import { Controller } from '@nestjs/common';
import { PermissionsRpc, type ReorganisationResult } from '@gongkai/contracts';
import { RpcHandler, type RpcRequest } from '@gongkai/messaging';
import { UnitOfWork } from '../../shared/unit-of-work';
import { ReorganisationsService } from '../reorganisations.service';

/** POST /reorganisations/merge. */
@Controller()
export class MergeDepartmentsHandler {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly reorganisationsService: ReorganisationsService,
  ) {}

  @RpcHandler(PermissionsRpc.mergeDepartments)
  merge(call: RpcRequest<typeof PermissionsRpc.mergeDepartments>): Promise<ReorganisationResult> {
    const { meta, body } = call;
    return this.unitOfWork.run(meta, (tx, operation) =>
      this.reorganisationsService.merge(tx, operation, body),
    );
  }
}
