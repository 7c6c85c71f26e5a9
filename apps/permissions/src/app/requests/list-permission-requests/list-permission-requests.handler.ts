import { Controller } from '@nestjs/common';
import { PermissionsRpc, type Page, type PermissionRequest } from '@gongkai/contracts';
import { RpcHandler, type RpcRequest } from '@gongkai/messaging';
import { RequestsRepository } from '../requests.repository';

@Controller()
export class ListPermissionRequestsHandler {
  constructor(private readonly requestsRepository: RequestsRepository) {}

  @RpcHandler(PermissionsRpc.listPermissionRequests)
  list(call: RpcRequest<typeof PermissionsRpc.listPermissionRequests>): Promise<Page<PermissionRequest>> {
    const { body } = call;
    return this.requestsRepository.list(body);
  }
}
