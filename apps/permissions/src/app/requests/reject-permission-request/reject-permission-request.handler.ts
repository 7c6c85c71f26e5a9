import { Controller } from '@nestjs/common';
import {
  DomainError,
  ErrorCode,
  PermissionsRpc,
  RequestRejectedV1,
  type PermissionRequest,
} from '@gongkai/contracts';
import { DecidesPermission } from '@gongkai/decisions';
import { RpcHandler, emitEvent, type RpcRequest } from '@gongkai/messaging';
import { UnitOfWork } from '../../shared/unit-of-work';
import { RequestsRepository } from '../requests.repository';
import { RequestsService } from '../requests.service';
import { requireOpen } from '../request-guards';

/** POST /permission-requests/{id}/reject: with the reason the requester will read. */
@Controller()
export class RejectPermissionRequestHandler {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly requestsRepository: RequestsRepository,
    private readonly requestsService: RequestsService,
  ) {}

  @DecidesPermission()
  @RpcHandler(PermissionsRpc.rejectPermissionRequest)
  reject(call: RpcRequest<typeof PermissionsRpc.rejectPermissionRequest>): Promise<PermissionRequest> {
    const { meta, body } = call;
    return this.unitOfWork.run(meta, async (tx, operation) => {
      const request = requireOpen(await this.requestsRepository.lock(tx, body.id), body.id);
      await this.requestsService.assertMayDecide(tx, operation, request);
      const rejected = await this.requestsRepository.decide(tx, request.id, {
        status: 'rejected',
        decidedBy: operation.actor,
        decisionReason: body.reason,
        decidedAt: operation.now,
      });
      if (!rejected) {
        throw new DomainError(ErrorCode.CONFLICT, `Request ${request.id} was decided meanwhile`, {
          id: request.id,
        });
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
