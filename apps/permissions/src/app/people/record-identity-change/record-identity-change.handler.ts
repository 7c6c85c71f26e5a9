import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import {
  PermissionsSubjects,
  RecordIdentityChangeSchema,
  type IdentityChangeResult,
} from '@gongkai/contracts';
import { parseRequest } from '@gongkai/messaging';
import { UnitOfWork } from '../../shared/unit-of-work';
import { IdentityChangesService } from '../identity-changes.service';

/** POST /people/{id}/identity-changes. */
@Controller()
export class RecordIdentityChangeHandler {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly identityChangesService: IdentityChangesService,
  ) {}

  @MessagePattern(PermissionsSubjects.recordIdentityChange)
  record(@Payload() payload: unknown): Promise<IdentityChangeResult> {
    const { meta, body } = parseRequest(RecordIdentityChangeSchema, payload);
    return this.unitOfWork.run(meta, (tx, operation) =>
      this.identityChangesService.record(tx, operation, body),
    );
  }
}
