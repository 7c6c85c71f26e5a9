import { Controller } from '@nestjs/common';
import { PermissionsRpc, type IssuedApiKey } from '@gongkai/contracts';
import { RpcHandler, type RpcRequest } from '@gongkai/messaging';
import { RotateApiClientKeyUseCase } from './rotate-api-client-key.use-case';

/** POST /api-clients/{id}/rotate: a new key, shown once; the old key stops working at commit. */
@Controller()
export class RotateApiClientKeyHandler {
  constructor(private readonly rotateApiClientKey: RotateApiClientKeyUseCase) {}

  @RpcHandler(PermissionsRpc.rotateApiClientKey)
  rotate({ meta, body }: RpcRequest<typeof PermissionsRpc.rotateApiClientKey>): Promise<IssuedApiKey> {
    return this.rotateApiClientKey.execute(meta, body);
  }
}
