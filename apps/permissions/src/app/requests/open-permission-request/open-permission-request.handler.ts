import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { OpenPermissionRequestSchema, PermissionsSubjects, type PermissionRequest } from '@gongkai/contracts';
import { parseRequest } from '@gongkai/messaging';
import { UnitOfWork } from '../../shared/unit-of-work';
import { RequestsService } from '../requests.service';

/** POST /permission-requests: ask for a role; an approver decides. */
@Controller()
export class OpenPermissionRequestHandler {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly requestsService: RequestsService,
  ) {}

  @MessagePattern(PermissionsSubjects.openPermissionRequest)
  open(@Payload() payload: unknown): Promise<PermissionRequest> {
    const { meta, body } = parseRequest(OpenPermissionRequestSchema, payload);
    return this.unitOfWork.run(meta, async (tx, operation) => {
      const request = await this.requestsService.open(tx, operation, { ...body, origin: 'manual' });
      // With onDuplicate 'fail' a request is always opened or an error thrown.
      return request as PermissionRequest;
    });
  }
}
