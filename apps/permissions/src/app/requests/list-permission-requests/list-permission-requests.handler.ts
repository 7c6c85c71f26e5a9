import { Controller } from '@nestjs/common';
import { PermissionsRpc, type Page, type PermissionRequest } from '@gongkai/contracts';
import { DecidesPermission } from '@gongkai/decisions';
import { RpcHandler, type RpcRequest } from '@gongkai/messaging';
import { ListPermissionRequestsUseCase } from './list-permission-requests.use-case';

@Controller()
export class ListPermissionRequestsHandler {
  constructor(private readonly listPermissionRequests: ListPermissionRequestsUseCase) {}

  @DecidesPermission()
  @RpcHandler(PermissionsRpc.listPermissionRequests)
  list({
    meta,
    body,
  }: RpcRequest<typeof PermissionsRpc.listPermissionRequests>): Promise<Page<PermissionRequest>> {
    return this.listPermissionRequests.execute(meta, body);
  }
}
