import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { ListApiClientsSchema, PermissionsSubjects, type ApiClient, type Page } from '@gongkai/contracts';
import { parseRequest } from '@gongkai/messaging';
import { ApiClientsRepository } from '../api-clients.repository';

@Controller()
export class ListApiClientsHandler {
  constructor(private readonly apiClientsRepository: ApiClientsRepository) {}

  @MessagePattern(PermissionsSubjects.listApiClients)
  list(@Payload() payload: unknown): Promise<Page<ApiClient>> {
    const { body } = parseRequest(ListApiClientsSchema, payload);
    return this.apiClientsRepository.list(body);
  }
}
