import { Controller } from '@nestjs/common';
import { PermissionsRpc, type AuthenticatedClient } from '@gongkai/contracts';
import { RpcHandler, type RpcRequest } from '@gongkai/messaging';
import { AuthenticateApiKeyUseCase } from './authenticate-api-key.use-case';

/** permissions.api-clients.authenticate: the gateway asks whether an `X-Api-Key` is valid. */
@Controller()
export class AuthenticateApiKeyHandler {
  constructor(private readonly authenticateApiKey: AuthenticateApiKeyUseCase) {}

  @RpcHandler(PermissionsRpc.authenticateApiKey)
  authenticate({ body }: RpcRequest<typeof PermissionsRpc.authenticateApiKey>): Promise<AuthenticatedClient> {
    return this.authenticateApiKey.execute(body.apiKey);
  }
}
