import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { SplitDepartmentSchema, PermissionsSubjects, type ReorganisationResult } from '@gongkai/contracts';
import { parseRequest } from '@gongkai/messaging';
import { UnitOfWork } from '../../shared/unit-of-work';
import { ReorganisationsService } from '../reorganisations.service';

/** POST /reorganisations/split. */
@Controller()
export class SplitDepartmentHandler {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly reorganisationsService: ReorganisationsService,
  ) {}

  @MessagePattern(PermissionsSubjects.splitDepartment)
  split(@Payload() payload: unknown): Promise<ReorganisationResult> {
    const { meta, body } = parseRequest(SplitDepartmentSchema, payload);
    return this.unitOfWork.run(meta, (tx, operation) =>
      this.reorganisationsService.split(tx, operation, body),
    );
  }
}
