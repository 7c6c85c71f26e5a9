import { Controller } from '@nestjs/common';
import {
  DomainError,
  PermissionsErrorReasons,
  PermissionsRpc,
  type PermissionRequest,
} from '@gongkai/contracts';
import { RpcHandler, type RpcRequest } from '@gongkai/messaging';
import { RequestsRepository } from '../requests.repository';

@Controller()
export class GetPermissionRequestHandler {
  constructor(private readonly requestsRepository: RequestsRepository) {}

  @RpcHandler(PermissionsRpc.getPermissionRequest)
  async get(call: RpcRequest<typeof PermissionsRpc.getPermissionRequest>): Promise<PermissionRequest> {
    const { body } = call;
    const request = await this.requestsRepository.get(body.id);
    if (!request)
      throw DomainError.because(
        PermissionsErrorReasons.PERMISSION_REQUEST_NOT_FOUND,
        `Permission request ${body.id} does not exist`,
        {
          id: body.id,
        },
      );
    return request;
  }
}
