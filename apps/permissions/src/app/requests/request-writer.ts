import { Injectable } from '@nestjs/common';
import { v7 as uuidv7 } from 'uuid';
import {
  DomainError,
  PermissionsErrorReasons,
  RequestCancelledV1,
  RequestMovedV1,
  RequestOpenedV1,
  type PermissionRequest,
  type PermissionRequestOrigin,
  type Role,
  type SubjectType,
} from '@gongkai/contracts';
import { emitEvent } from '@gongkai/messaging';
import { GrantCheck } from '../access/grant-check';
import type { PermissionsTx } from '../prisma.service';
import type { Operation } from '../shared/operation';
import { RequestsRepository } from './requests.repository';

export interface OpenRequestInput {
  subjectType: SubjectType;
  subjectId: string;
  role: Role;
  departmentId: string | null;
  validFrom?: string | null;
  validTo?: string | null;
  reason: string;
  origin: PermissionRequestOrigin;
  identityChangeId?: string | null;
}

/**
 * Opens, cancels and moves permission-change requests, each with its event (and audit entry), in
 * the caller's transaction: asked for directly, by identity changes, by revoked clients and by
 * reorganisations. Approving and rejecting are operations of their own.
 */
@Injectable()
export class RequestWriter {
  constructor(
    private readonly requestsRepository: RequestsRepository,
    private readonly grantCheck: GrantCheck,
  ) {}

  /**
   * Opens a request after the same checks a grant gets. `onDuplicate: 'skip'` (identity changes)
   * returns null instead of failing when the subject already holds or has asked for it.
   */
  async open(
    tx: PermissionsTx,
    operation: Operation,
    input: OpenRequestInput,
    options: { onDuplicate: 'fail' | 'skip' } = { onDuplicate: 'fail' },
  ): Promise<PermissionRequest | null> {
    let window;
    try {
      window = await this.grantCheck.validate(tx, operation, input);
    } catch (error) {
      const alreadyHeld =
        error instanceof DomainError && error.reason === PermissionsErrorReasons.ROLE_ALREADY_HELD.reason;
      if (options.onDuplicate === 'skip' && alreadyHeld) return null;
      throw error;
    }
    const same = await this.requestsRepository.findOpenSame(tx, input);
    if (same) {
      if (options.onDuplicate === 'skip') return null;
      throw DomainError.because(
        PermissionsErrorReasons.PERMISSION_REQUEST_DUPLICATE,
        `An open request for the same role and department already exists (${same.id}); approve or reject it`,
        { requestId: same.id },
      );
    }
    const request = await this.requestsRepository.insert(tx, {
      id: uuidv7(),
      subjectType: input.subjectType,
      subjectId: input.subjectId,
      role: input.role,
      departmentId: input.departmentId,
      validFrom: input.validFrom ? window.validFrom : null,
      validTo: window.validTo,
      reason: input.reason,
      origin: input.origin,
      identityChangeId: input.identityChangeId ?? null,
      requestedBy: operation.actor,
      createdAt: operation.now,
    });
    await emitEvent(
      tx,
      RequestOpenedV1,
      {
        requestId: request.id,
        subjectType: request.subjectType,
        subjectId: request.subjectId,
        role: request.role,
        departmentId: request.departmentId,
        validFrom: request.validFrom,
        validTo: request.validTo,
        reason: request.reason,
        origin: request.origin,
        identityChangeId: request.identityChangeId,
      },
      operation.events(),
    );
    operation.audit({
      action: 'request.opened',
      subjectType: request.subjectType,
      subjectId: request.subjectId,
      reason: request.reason,
      details: { request },
    });
    return request;
  }

  /** Cancels a request that is still open; null (and nothing emitted) when it was decided meanwhile. */
  async cancel(
    tx: PermissionsTx,
    operation: Operation,
    request: PermissionRequest,
    reason: string,
  ): Promise<PermissionRequest | null> {
    const cancelled = await this.requestsRepository.decide(tx, request.id, {
      status: 'cancelled',
      decidedBy: operation.actor,
      decisionReason: reason,
      decidedAt: operation.now,
    });
    if (!cancelled) return null;
    await emitEvent(
      tx,
      RequestCancelledV1,
      {
        requestId: cancelled.id,
        subjectType: cancelled.subjectType,
        subjectId: cancelled.subjectId,
        role: cancelled.role,
        departmentId: cancelled.departmentId,
        reason,
      },
      operation.events(),
    );
    operation.audit({
      action: 'request.cancelled',
      subjectType: cancelled.subjectType,
      subjectId: cancelled.subjectId,
      reason,
      details: { request: cancelled },
    });
    return cancelled;
  }

  /**
   * A merge moves open requests to the department that took over theirs, each with its event (the
   * reorganisation's own audit entry lists them).
   */
  async moveAll(
    tx: PermissionsTx,
    operation: Operation,
    input: {
      requests: readonly PermissionRequest[];
      toDepartmentId: string;
      reorganisationId: string;
      occurredAt: Date;
    },
  ): Promise<void> {
    const moving = input.requests.flatMap((request) =>
      request.departmentId !== null && request.departmentId !== input.toDepartmentId
        ? [{ request, previousDepartmentId: request.departmentId }]
        : [],
    );
    await this.requestsRepository.moveToDepartment(
      tx,
      moving.map(({ request }) => request.id),
      input.toDepartmentId,
    );
    for (const { request, previousDepartmentId } of moving) {
      await emitEvent(
        tx,
        RequestMovedV1,
        {
          requestId: request.id,
          subjectType: request.subjectType,
          subjectId: request.subjectId,
          role: request.role,
          departmentId: input.toDepartmentId,
          previousDepartmentId,
          reorganisationId: input.reorganisationId,
        },
        operation.events(input.occurredAt),
      );
    }
  }
}
