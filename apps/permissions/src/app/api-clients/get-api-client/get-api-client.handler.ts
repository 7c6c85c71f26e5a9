import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import {
  DomainError,
  ErrorCode,
  GetApiClientSchema,
  PermissionsSubjects,
  type ApiClient,
} from '@gongkai/contracts';
import { parseRequest } from '@gongkai/messaging';
import { ApiClientsRepository } from '../api-clients.repository';

@Controller()
export class GetApiClientHandler {
  constructor(private readonly apiClientsRepository: ApiClientsRepository) {}

  @MessagePattern(PermissionsSubjects.getApiClient)
  async get(@Payload() payload: unknown): Promise<ApiClient> {
    const { body } = parseRequest(GetApiClientSchema, payload);
    const client = await this.apiClientsRepository.get(body.id);
    if (!client)
      throw new DomainError(ErrorCode.NOT_FOUND, `API client ${body.id} does not exist`, { id: body.id });
    return client;
  }
}
