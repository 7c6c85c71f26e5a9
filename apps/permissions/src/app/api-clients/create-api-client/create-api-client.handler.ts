import { Controller } from '@nestjs/common';
import { PermissionsRpc, type IssuedApiKey } from '@gongkai/contracts';
import { RpcHandler, type RpcRequest } from '@gongkai/messaging';
import { CreateApiClientUseCase } from './create-api-client.use-case';

/** POST /api-clients: the key is in this reply and nowhere else, ever. */
@Controller()
export class CreateApiClientHandler {
  constructor(private readonly createApiClient: CreateApiClientUseCase) {}

  @RpcHandler(PermissionsRpc.createApiClient)
  create({ meta, body }: RpcRequest<typeof PermissionsRpc.createApiClient>): Promise<IssuedApiKey> {
    return this.createApiClient.execute(meta, body);
  }
}
