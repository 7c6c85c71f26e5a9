import { Controller } from '@nestjs/common';
import { PermissionsRpc, type ReorganisationResult } from '@gongkai/contracts';
import { RpcHandler, type RpcRequest } from '@gongkai/messaging';
import { UnitOfWork } from '../../shared/unit-of-work';
import { ReorganisationsService } from '../reorganisations.service';

/** POST /reorganisations/rename. */
@Controller()
export class RenameDepartmentHandler {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly reorganisationsService: ReorganisationsService,
  ) {}

  @RpcHandler(PermissionsRpc.renameDepartment)
  rename(call: RpcRequest<typeof PermissionsRpc.renameDepartment>): Promise<ReorganisationResult> {
    const { meta, body } = call;
    return this.unitOfWork.run(meta, (tx, operation) =>
      this.reorganisationsService.rename(tx, operation, body),
    );
  }
}
