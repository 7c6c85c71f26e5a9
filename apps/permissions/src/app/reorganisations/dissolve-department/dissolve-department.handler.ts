import { Controller } from '@nestjs/common';
import { PermissionsRpc, type ReorganisationResult } from '@gongkai/contracts';
import { RpcHandler, type RpcRequest } from '@gongkai/messaging';
import { UnitOfWork } from '../../shared/unit-of-work';
import { ReorganisationsService } from '../reorganisations.service';

/** POST /reorganisations/dissolve. */
@Controller()
export class DissolveDepartmentHandler {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly reorganisationsService: ReorganisationsService,
  ) {}

  @RpcHandler(PermissionsRpc.dissolveDepartment)
  dissolve(call: RpcRequest<typeof PermissionsRpc.dissolveDepartment>): Promise<ReorganisationResult> {
    const { meta, body } = call;
    return this.unitOfWork.run(meta, (tx, operation) =>
      this.reorganisationsService.dissolve(tx, operation, body),
    );
  }
}
