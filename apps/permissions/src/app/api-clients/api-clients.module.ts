import { Module } from '@nestjs/common';
import { AuthenticateApiKeyHandler } from './authenticate-api-key/authenticate-api-key.handler';
import { AuthenticateApiKeyUseCase } from './authenticate-api-key/authenticate-api-key.use-case';
import { CreateApiClientHandler } from './create-api-client/create-api-client.handler';
import { CreateApiClientUseCase } from './create-api-client/create-api-client.use-case';
import { GetApiClientHandler } from './get-api-client/get-api-client.handler';
import { ListApiClientsHandler } from './list-api-clients/list-api-clients.handler';
import { RevokeApiClientHandler } from './revoke-api-client/revoke-api-client.handler';
import { RevokeApiClientUseCase } from './revoke-api-client/revoke-api-client.use-case';
import { RotateApiClientKeyHandler } from './rotate-api-client-key/rotate-api-client-key.handler';
import { RotateApiClientKeyUseCase } from './rotate-api-client-key/rotate-api-client-key.use-case';

@Module({
  controllers: [
    CreateApiClientHandler,
    RotateApiClientKeyHandler,
    RevokeApiClientHandler,
    GetApiClientHandler,
    ListApiClientsHandler,
    AuthenticateApiKeyHandler,
  ],
  providers: [
    CreateApiClientUseCase,
    RotateApiClientKeyUseCase,
    RevokeApiClientUseCase,
    AuthenticateApiKeyUseCase,
  ],
})
export class ApiClientsModule {}
