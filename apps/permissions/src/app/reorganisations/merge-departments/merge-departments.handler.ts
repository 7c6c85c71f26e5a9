import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { MergeDepartmentsSchema, PermissionsSubjects, type ReorganisationResult } from '@gongkai/contracts';
import { parseRequest } from '@gongkai/messaging';
import { UnitOfWork } from '../../shared/unit-of-work';
import { ReorganisationsService } from '../reorganisations.service';

/** POST /reorganisations/merge. */
@Controller()
export class MergeDepartmentsHandler {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly reorganisationsService: ReorganisationsService,
  ) {}

  @MessagePattern(PermissionsSubjects.mergeDepartments)
  merge(@Payload() payload: unknown): Promise<ReorganisationResult> {
    const { meta, body } = parseRequest(MergeDepartmentsSchema, payload);
    return this.unitOfWork.run(meta, (tx, operation) =>
      this.reorganisationsService.merge(tx, operation, body),
    );
  }
}
