import { Injectable } from '@nestjs/common';
import {
  DomainError,
  PermissionsErrorReasons,
  RequestRejectedV1,
  type PermissionRequest,
  type RejectPermissionRequest,
  type RequestMeta,
} from '@gongkai/contracts';
import { emitEvent } from '@gongkai/messaging';
import { UnitOfWork } from '../../shared/unit-of-work';
import { requireExisting, requireOpen } from '../request-guards';
import { RequestApprovers } from '../request-approvers';
import { RequestsRepository } from '../requests.repository';

/** An approver turns the request down, with the reason the requester will read. */
@Injectable()
export class RejectPermissionRequestUseCase {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly requestsRepository: RequestsRepository,
    private readonly requestApprovers: RequestApprovers,
  ) {}

  execute(meta: RequestMeta, body: RejectPermissionRequest): Promise<PermissionRequest> {
    return this.unitOfWork.run(meta, async (tx, operation) => {
      const request = requireExisting(await this.requestsRepository.lock(tx, body.id), body.id);
      await this.requestApprovers.assertMayDecide(tx, operation, request);
      requireOpen(request);
      const rejected = await this.requestsRepository.decide(tx, request.id, {
        status: 'rejected',
        decidedBy: operation.actor,
        decisionReason: body.reason,
        decidedAt: operation.now,
      });
      if (!rejected) {
        throw DomainError.because(
          PermissionsErrorReasons.PERMISSION_REQUEST_DECIDED,
          `Request ${request.id} was decided meanwhile`,
          {
            id: request.id,
          },
        );
      }
      await emitEvent(
        tx,
        RequestRejectedV1,
        {
          requestId: rejected.id,
          subjectType: rejected.subjectType,
          subjectId: rejected.subjectId,
          role: rejected.role,
          departmentId: rejected.departmentId,
          decidedBy: operation.actor,
          reason: body.reason,
        },
        operation.events(),
      );
      operation.audit({
        action: 'request.rejected',
        subjectType: rejected.subjectType,
        subjectId: rejected.subjectId,
        reason: body.reason,
        details: { request: rejected },
      });
      return rejected;
    });
  }
}
