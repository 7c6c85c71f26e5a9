import { Controller } from '@nestjs/common';
import { PermissionsRpc, type ApiClient } from '@gongkai/contracts';
import { RpcHandler, type RpcRequest } from '@gongkai/messaging';
import { RevokeApiClientUseCase } from './revoke-api-client.use-case';

/** POST /api-clients/{id}/revoke: the key stops working and every binding of the client ends, at once. */
@Controller()
export class RevokeApiClientHandler {
  constructor(private readonly revokeApiClient: RevokeApiClientUseCase) {}

  @RpcHandler(PermissionsRpc.revokeApiClient)
  revoke({ meta, body }: RpcRequest<typeof PermissionsRpc.revokeApiClient>): Promise<ApiClient> {
    return this.revokeApiClient.execute(meta, body);
  }
}
