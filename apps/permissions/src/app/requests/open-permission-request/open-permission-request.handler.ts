import { Controller } from '@nestjs/common';
import { PermissionsRpc, type PermissionRequest } from '@gongkai/contracts';
import { DecidesPermission } from '@gongkai/decisions';
import { RpcHandler, type RpcRequest } from '@gongkai/messaging';
import { OpenPermissionRequestUseCase } from './open-permission-request.use-case';

/** POST /permission-requests: ask for a role; an approver decides. */
@Controller()
export class OpenPermissionRequestHandler {
  constructor(private readonly openPermissionRequest: OpenPermissionRequestUseCase) {}

  @DecidesPermission()
  @RpcHandler(PermissionsRpc.openPermissionRequest)
  open({ meta, body }: RpcRequest<typeof PermissionsRpc.openPermissionRequest>): Promise<PermissionRequest> {
    return this.openPermissionRequest.execute(meta, body);
  }
}
