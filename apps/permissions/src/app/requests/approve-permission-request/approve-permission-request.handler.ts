import { Controller } from '@nestjs/common';
import { PermissionsRpc, type ApprovedPermissionRequest } from '@gongkai/contracts';
import { RpcHandler, type RpcRequest } from '@gongkai/messaging';
import { ApprovePermissionRequestUseCase } from './approve-permission-request.use-case';
import { DecidesPermission } from '@gongkai/decisions';

/** POST /permission-requests/{id}/approve: the approver's decision creates the binding, in one transaction. */
@Controller()
export class ApprovePermissionRequestHandler {
  constructor(private readonly approvePermissionRequest: ApprovePermissionRequestUseCase) {}

  @DecidesPermission()
  @RpcHandler(PermissionsRpc.approvePermissionRequest)
  approve({
    meta,
    body,
  }: RpcRequest<typeof PermissionsRpc.approvePermissionRequest>): Promise<ApprovedPermissionRequest> {
    return this.approvePermissionRequest.execute(meta, body);
  }
}
