import { Controller } from '@nestjs/common';
import { DomainError, PermissionsErrorReasons, PermissionsRpc, type ApiClient } from '@gongkai/contracts';
import { RpcHandler, type RpcRequest } from '@gongkai/messaging';
import { ApiClientsRepository } from '../api-clients.repository';

@Controller()
export class GetApiClientHandler {
  constructor(private readonly apiClientsRepository: ApiClientsRepository) {}

  @RpcHandler(PermissionsRpc.getApiClient)
  async get(call: RpcRequest<typeof PermissionsRpc.getApiClient>): Promise<ApiClient> {
    const { body } = call;
    const client = await this.apiClientsRepository.get(body.id);
    if (!client)
      throw DomainError.because(
        PermissionsErrorReasons.API_CLIENT_NOT_FOUND,
        `API client ${body.id} does not exist`,
        { id: body.id },
      );
    return client;
  }
}
