import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { DissolveDepartmentSchema, PermissionsSubjects, type ReorganisationResult } from '@gongkai/contracts';
import { parseRequest } from '@gongkai/messaging';
import { UnitOfWork } from '../../shared/unit-of-work';
import { ReorganisationsService } from '../reorganisations.service';

/** POST /reorganisations/dissolve. */
@Controller()
export class DissolveDepartmentHandler {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly reorganisationsService: ReorganisationsService,
  ) {}

  @MessagePattern(PermissionsSubjects.dissolveDepartment)
  dissolve(@Payload() payload: unknown): Promise<ReorganisationResult> {
    const { meta, body } = parseRequest(DissolveDepartmentSchema, payload);
    return this.unitOfWork.run(meta, (tx, operation) =>
      this.reorganisationsService.dissolve(tx, operation, body),
    );
  }
}
