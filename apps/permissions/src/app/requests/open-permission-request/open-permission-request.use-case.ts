import { Injectable } from '@nestjs/common';
import type { OpenPermissionRequest, PermissionRequest, RequestMeta } from '@gongkai/contracts';
import { UnitOfWork } from '../../shared/unit-of-work';
import { RequestOpeners } from '../request-openers';
import { RequestWriter } from '../request-writer';

/** Somebody asks for a role (staff for themselves, an approver for others); an approver decides. */
@Injectable()
export class OpenPermissionRequestUseCase {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly requestWriter: RequestWriter,
    private readonly requestOpeners: RequestOpeners,
  ) {}

  execute(meta: RequestMeta, body: OpenPermissionRequest): Promise<PermissionRequest> {
    return this.unitOfWork.run(meta, async (tx, operation) => {
      await this.requestOpeners.assertMayOpen(tx, operation, body);
      const request = await this.requestWriter.open(tx, operation, { ...body, origin: 'manual' });
      // With onDuplicate 'fail' a request is always opened or an error thrown.
      return request as PermissionRequest;
    });
  }
}
