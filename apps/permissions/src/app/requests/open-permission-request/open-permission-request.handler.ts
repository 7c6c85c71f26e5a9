import { Controller } from '@nestjs/common';
import { PermissionsRpc, type PermissionRequest } from '@gongkai/contracts';
import { RpcHandler, type RpcRequest } from '@gongkai/messaging';
import { UnitOfWork } from '../../shared/unit-of-work';
import { RequestsService } from '../requests.service';

/** POST /permission-requests: ask for a role; an approver decides. */
@Controller()
export class OpenPermissionRequestHandler {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly requestsService: RequestsService,
  ) {}

  @RpcHandler(PermissionsRpc.openPermissionRequest)
  open(call: RpcRequest<typeof PermissionsRpc.openPermissionRequest>): Promise<PermissionRequest> {
    const { meta, body } = call;
    return this.unitOfWork.run(meta, async (tx, operation) => {
      const request = await this.requestsService.open(tx, operation, { ...body, origin: 'manual' });
      // With onDuplicate 'fail' a request is always opened or an error thrown.
      return request as PermissionRequest;
    });
  }
}
