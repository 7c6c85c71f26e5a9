import { Controller } from '@nestjs/common';
import { PermissionsRpc, type Decision } from '@gongkai/contracts';
import { RpcHandler, type RpcRequest } from '@gongkai/messaging';
import { CheckPermissionUseCase } from './check-permission.use-case';

/** permissions.decisions.check: may subject S do action A in department D (or school-wide)? */
@Controller()
export class CheckPermissionHandler {
  constructor(private readonly checkPermission: CheckPermissionUseCase) {}

  @RpcHandler(PermissionsRpc.checkPermission)
  check({ body }: RpcRequest<typeof PermissionsRpc.checkPermission>): Promise<Decision> {
    return this.checkPermission.execute(body);
  }
}
