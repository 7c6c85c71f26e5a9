import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import {
  ListPermissionRequestsSchema,
  PermissionsSubjects,
  type Page,
  type PermissionRequest,
} from '@gongkai/contracts';
import { parseRequest } from '@gongkai/messaging';
import { RequestsRepository } from '../requests.repository';

@Controller()
export class ListPermissionRequestsHandler {
  constructor(private readonly requestsRepository: RequestsRepository) {}

  @MessagePattern(PermissionsSubjects.listPermissionRequests)
  list(@Payload() payload: unknown): Promise<Page<PermissionRequest>> {
    const { body } = parseRequest(ListPermissionRequestsSchema, payload);
    return this.requestsRepository.list(body);
  }
}
