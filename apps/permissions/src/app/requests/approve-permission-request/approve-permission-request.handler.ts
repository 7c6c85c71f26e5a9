import { Controller } from '@nestjs/common';
import {
  DomainError,
  ErrorCode,
  PermissionsRpc,
  RequestApprovedV1,
  type ApprovedPermissionRequest,
} from '@gongkai/contracts';
import { DecidesPermission } from '@gongkai/decisions';
import { RpcHandler, emitEvent, type RpcRequest } from '@gongkai/messaging';
import { AccessService } from '../../access/access.service';
import { UnitOfWork } from '../../shared/unit-of-work';
import { RequestsRepository } from '../requests.repository';
import { RequestsService } from '../requests.service';
import { requireOpen } from '../request-guards';

/** POST /permission-requests/{id}/approve: the approver's decision creates the binding, in one transaction. */
@Controller()
export class ApprovePermissionRequestHandler {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly requestsRepository: RequestsRepository,
    private readonly requestsService: RequestsService,
    private readonly accessService: AccessService,
  ) {}

  @DecidesPermission()
  @RpcHandler(PermissionsRpc.approvePermissionRequest)
  approve(
    call: RpcRequest<typeof PermissionsRpc.approvePermissionRequest>,
  ): Promise<ApprovedPermissionRequest> {
    const { meta, body } = call;
    return this.unitOfWork.run(meta, async (tx, operation) => {
      const request = requireOpen(await this.requestsRepository.lock(tx, body.id), body.id);
      await this.requestsService.assertMayDecide(tx, operation, request);
      const grant = {
        subjectType: request.subjectType,
        subjectId: request.subjectId,
        role: request.role,
        departmentId: request.departmentId,
        validFrom: request.validFrom,
        validTo: request.validTo,
      };
      const window = await this.accessService.validateGrant(tx, operation, grant);
      const binding = await this.accessService.grant(tx, operation, {
        ...grant,
        ...window,
        origin: 'request',
        requestId: request.id,
        reason: body.reason ?? `Approved request ${request.id}: ${request.reason}`,
      });
      const bindingId = binding.id;
      const approved = await this.requestsRepository.decide(tx, request.id, {
        status: 'approved',
        decidedBy: operation.actor,
        decisionReason: body.reason ?? null,
        decidedAt: operation.now,
        bindingId,
      });
      if (!approved) {
        throw new DomainError(ErrorCode.CONFLICT, `Request ${request.id} was decided meanwhile`, {
          id: request.id,
        });
      }
      await emitEvent(
        tx,
        RequestApprovedV1,
        {
          requestId: approved.id,
          subjectType: approved.subjectType,
          subjectId: approved.subjectId,
          role: approved.role,
          departmentId: approved.departmentId,
          bindingId,
          decidedBy: operation.actor,
          reason: approved.decisionReason,
        },
        operation.events(),
      );
      operation.audit({
        action: 'request.approved',
        subjectType: approved.subjectType,
        subjectId: approved.subjectId,
        reason: body.reason ?? null,
        details: { request: approved, bindingId },
      });
      return { request: approved, binding };
    });
  }
}
