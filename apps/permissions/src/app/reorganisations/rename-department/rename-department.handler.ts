import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { RenameDepartmentSchema, PermissionsSubjects, type ReorganisationResult } from '@gongkai/contracts';
import { parseRequest } from '@gongkai/messaging';
import { UnitOfWork } from '../../shared/unit-of-work';
import { ReorganisationsService } from '../reorganisations.service';

/** POST /reorganisations/rename. */
@Controller()
export class RenameDepartmentHandler {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly reorganisationsService: ReorganisationsService,
  ) {}

  @MessagePattern(PermissionsSubjects.renameDepartment)
  rename(@Payload() payload: unknown): Promise<ReorganisationResult> {
    const { meta, body } = parseRequest(RenameDepartmentSchema, payload);
    return this.unitOfWork.run(meta, (tx, operation) =>
      this.reorganisationsService.rename(tx, operation, body),
    );
  }
}
