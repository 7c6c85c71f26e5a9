import { Inject, Injectable } from '@nestjs/common';
import { v7 as uuidv7 } from 'uuid';
import { z } from 'zod';
import {
  BOOTSTRAP_ADMIN_CLIENT_ID,
  DomainError,
  ErrorCode,
  RequestCancelledV1,
  RequestMovedV1,
  RequestOpenedV1,
  type PermissionRequest,
  type PermissionRequestOrigin,
  type Role,
  type SubjectType,
} from '@gongkai/contracts';
import { emitEvent } from '@gongkai/messaging';
import { AccessService } from '../access/access.service';
import { DecisionService } from '../access/decision.service';
import { PERMISSIONS_CONFIG, type PermissionsConfig } from '../config/permissions-config';
import type { PermissionsTx } from '../prisma.service';
import type { Operation } from '../shared/operation';
import { RequestsRepository } from './requests.repository';

/** The gateway's actor for BOOTSTRAP_ADMIN_API_KEY: it administers a fresh install, so it counts as admin. */

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

const isUuid = (value: string) => z.uuid().safeParse(value).success;

/** Opens and cancels permission-change requests, and decides who may approve them. */
@Injectable()
export class RequestsService {
  constructor(
    private readonly requestsRepository: RequestsRepository,
    private readonly accessService: AccessService,
    private readonly decisionService: DecisionService,
    @Inject(PERMISSIONS_CONFIG) private readonly config: PermissionsConfig,
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
      window = await this.accessService.validateGrant(tx, operation, input);
    } catch (error) {
      if (options.onDuplicate === 'skip' && error instanceof DomainError && error.code === ErrorCode.CONFLICT)
        return null;
      throw error;
    }
    const same = await this.requestsRepository.findOpenSame(tx, input);
    if (same) {
      if (options.onDuplicate === 'skip') return null;
      throw new DomainError(
        ErrorCode.CONFLICT,
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

  /**
   * Approvers (PERMISSION_REQUEST_APPROVERS): holders of permissions.admin and the bootstrap
   * admin client; with `admin_or_reviewer`, also holders of permissions.request.approve in the
   * request's own department. Nobody decides a request about themself.
   */
  async assertMayDecide(tx: PermissionsTx, operation: Operation, request: PermissionRequest): Promise<void> {
    const actor = operation.actor;
    if (actor.kind === 'client' && actor.id === BOOTSTRAP_ADMIN_CLIENT_ID) return;
    const forbidden = (message: string) =>
      new DomainError(ErrorCode.FORBIDDEN, message, { requestId: request.id, policy: this.config.approvers });
    if (actor.kind === 'system' || !isUuid(actor.id)) {
      throw forbidden(
        'Only a person or an API client holding permissions.admin may decide permission requests',
      );
    }
    if (actor.kind === request.subjectType && actor.id === request.subjectId) {
      throw forbidden('Nobody may decide a request about themself; ask another approver');
    }
    const ask = (action: 'permissions.admin' | 'permissions.request.approve', departmentId: string | null) =>
      this.decisionService.decide(
        {
          subjectType: actor.kind as SubjectType,
          subjectId: actor.id,
          action,
          departmentId,
          at: operation.now,
        },
        tx,
      );
    if ((await ask('permissions.admin', null)).allow) return;
    if (this.config.approvers === 'admin_or_reviewer' && request.departmentId !== null) {
      if ((await ask('permissions.request.approve', request.departmentId)).allow) return;
      throw forbidden(
        `Only a disclosure administrator or the reviewer of department ${request.departmentId} may decide this request`,
      );
    }
    throw forbidden(
      this.config.approvers === 'admin'
        ? 'Only a disclosure administrator (permissions.admin) may decide permission requests here'
        : 'A school-wide role can only be approved by a disclosure administrator (permissions.admin)',
    );
  }
}
