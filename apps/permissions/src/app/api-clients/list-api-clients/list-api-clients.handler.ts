import { Controller } from '@nestjs/common';
import { PermissionsRpc, type ApiClient, type Page } from '@gongkai/contracts';
import { RpcHandler, type RpcRequest } from '@gongkai/messaging';
import { ApiClientsRepository } from '../api-clients.repository';

@Controller()
export class ListApiClientsHandler {
  constructor(private readonly apiClientsRepository: ApiClientsRepository) {}

  @RpcHandler(PermissionsRpc.listApiClients)
  list(call: RpcRequest<typeof PermissionsRpc.listApiClients>): Promise<Page<ApiClient>> {
    const { body } = call;
    return this.apiClientsRepository.list(body);
  }
}
