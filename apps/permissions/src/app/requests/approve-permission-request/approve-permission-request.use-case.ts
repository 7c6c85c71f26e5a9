import { Injectable } from '@nestjs/common';
import {
  DomainError,
  PermissionsErrorReasons,
  RequestApprovedV1,
  type ApprovedPermissionRequest,
  type ApprovePermissionRequest,
  type RequestMeta,
} from '@gongkai/contracts';
import { emitEvent } from '@gongkai/messaging';
import { BindingWriter } from '../../access/binding-writer';
import { GrantCheck } from '../../access/grant-check';
import { UnitOfWork } from '../../shared/unit-of-work';
import { assertNotOpenedBy } from '../four-eyes';
import { requireExisting, requireOpen } from '../request-guards';
import { RequestApprovers } from '../request-approvers';
import { RequestsRepository } from '../requests.repository';

/** The approver's decision creates the binding, in one transaction. */
@Injectable()
export class ApprovePermissionRequestUseCase {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly requestsRepository: RequestsRepository,
    private readonly requestApprovers: RequestApprovers,
    private readonly grantCheck: GrantCheck,
    private readonly bindingWriter: BindingWriter,
  ) {}

  execute(meta: RequestMeta, body: ApprovePermissionRequest): Promise<ApprovedPermissionRequest> {
    return this.unitOfWork.run(meta, async (tx, operation) => {
      const request = requireExisting(await this.requestsRepository.lock(tx, body.id), body.id);
      await this.requestApprovers.assertMayDecide(tx, operation, request);
      requireOpen(request);
      assertNotOpenedBy(operation.actor, request);
      const grant = {
        subjectType: request.subjectType,
        subjectId: request.subjectId,
        role: request.role,
        departmentId: request.departmentId,
        validFrom: request.validFrom,
        validTo: request.validTo,
      };
      const window = await this.grantCheck.validate(tx, operation, grant);
      const binding = await this.bindingWriter.grant(tx, operation, {
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
