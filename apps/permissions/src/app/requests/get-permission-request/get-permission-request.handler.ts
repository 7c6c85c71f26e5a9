import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import {
  DomainError,
  ErrorCode,
  GetPermissionRequestSchema,
  PermissionsSubjects,
  type PermissionRequest,
} from '@gongkai/contracts';
import { parseRequest } from '@gongkai/messaging';
import { RequestsRepository } from '../requests.repository';

@Controller()
export class GetPermissionRequestHandler {
  constructor(private readonly requestsRepository: RequestsRepository) {}

  @MessagePattern(PermissionsSubjects.getPermissionRequest)
  async get(@Payload() payload: unknown): Promise<PermissionRequest> {
    const { body } = parseRequest(GetPermissionRequestSchema, payload);
    const request = await this.requestsRepository.get(body.id);
    if (!request)
      throw new DomainError(ErrorCode.NOT_FOUND, `Permission request ${body.id} does not exist`, {
        id: body.id,
      });
    return request;
  }
}
