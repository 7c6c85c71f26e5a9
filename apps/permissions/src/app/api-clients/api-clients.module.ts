import { Module } from '@nestjs/common';
import { AuthenticateApiKeyHandler } from './authenticate-api-key/authenticate-api-key.handler';
import { CreateApiClientHandler } from './create-api-client/create-api-client.handler';
import { GetApiClientHandler } from './get-api-client/get-api-client.handler';
import { ListApiClientsHandler } from './list-api-clients/list-api-clients.handler';
import { RevokeApiClientHandler } from './revoke-api-client/revoke-api-client.handler';
import { RotateApiClientKeyHandler } from './rotate-api-client-key/rotate-api-client-key.handler';

@Module({
  controllers: [
    CreateApiClientHandler,
    RotateApiClientKeyHandler,
    RevokeApiClientHandler,
    GetApiClientHandler,
    ListApiClientsHandler,
    AuthenticateApiKeyHandler,
  ],
})
export class ApiClientsModule {}
