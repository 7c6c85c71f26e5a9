import { Controller } from '@nestjs/common';
import { PermissionsRpc, type IdentityChangeResult } from '@gongkai/contracts';
import { RpcHandler, type RpcRequest } from '@gongkai/messaging';
import { UnitOfWork } from '../../shared/unit-of-work';
import { IdentityChangesService } from '../identity-changes.service';

/** POST /people/{id}/identity-changes. */
@Controller()
export class RecordIdentityChangeHandler {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly identityChangesService: IdentityChangesService,
  ) {}

  @RpcHandler(PermissionsRpc.recordIdentityChange)
  record(call: RpcRequest<typeof PermissionsRpc.recordIdentityChange>): Promise<IdentityChangeResult> {
    const { meta, body } = call;
    return this.unitOfWork.run(meta, (tx, operation) =>
      this.identityChangesService.record(tx, operation, body),
    );
  }
}
