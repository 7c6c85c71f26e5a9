import { Controller } from '@nestjs/common';
import { PermissionsRpc, type ReorganisationResult } from '@gongkai/contracts';
import { RpcHandler, type RpcRequest } from '@gongkai/messaging';
import { UnitOfWork } from '../../shared/unit-of-work';
import { ReorganisationsService } from '../reorganisations.service';

/** POST /reorganisations/split. */
@Controller()
export class SplitDepartmentHandler {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly reorganisationsService: ReorganisationsService,
  ) {}

  @RpcHandler(PermissionsRpc.splitDepartment)
  split(call: RpcRequest<typeof PermissionsRpc.splitDepartment>): Promise<ReorganisationResult> {
    const { meta, body } = call;
    return this.unitOfWork.run(meta, (tx, operation) =>
      this.reorganisationsService.split(tx, operation, body),
    );
  }
}
