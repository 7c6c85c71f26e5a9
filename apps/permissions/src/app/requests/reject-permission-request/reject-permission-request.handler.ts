import { Controller } from '@nestjs/common';
import { PermissionsRpc, type PermissionRequest } from '@gongkai/contracts';
import { RpcHandler, type RpcRequest } from '@gongkai/messaging';
import { RejectPermissionRequestUseCase } from './reject-permission-request.use-case';
import { DecidesPermission } from '@gongkai/decisions';

/** POST /permission-requests/{id}/reject: with the reason the requester will read. */
@Controller()
export class RejectPermissionRequestHandler {
  constructor(private readonly rejectPermissionRequest: RejectPermissionRequestUseCase) {}

  @DecidesPermission()
  @RpcHandler(PermissionsRpc.rejectPermissionRequest)
  reject({
    meta,
    body,
  }: RpcRequest<typeof PermissionsRpc.rejectPermissionRequest>): Promise<PermissionRequest> {
    return this.rejectPermissionRequest.execute(meta, body);
  }
}
