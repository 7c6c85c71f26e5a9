import { Inject, Injectable } from '@nestjs/common';
import { z } from 'zod';
import {
  BOOTSTRAP_ADMIN_CLIENT_ID,
  DomainError,
  PermissionsErrorReasons,
  type PermissionRequest,
  type SubjectType,
} from '@gongkai/contracts';
import { PermissionDecider } from '../access/permission-decider';
import { PERMISSIONS_CONFIG, type PermissionsConfig } from '../config/permissions-config';
import type { PermissionsTx } from '../prisma.service';
import type { Operation } from '../shared/operation';

const isUuid = (value: string) => z.uuid().safeParse(value).success;

/** Who may approve or reject a permission request (PERMISSION_REQUEST_APPROVERS). */
@Injectable()
export class RequestApprovers {
  constructor(
    private readonly permissionDecider: PermissionDecider,
    @Inject(PERMISSIONS_CONFIG) private readonly config: PermissionsConfig,
  ) {}

  /**
   * Approvers: holders of permissions.admin and the bootstrap admin client (it administers a
   * fresh install, so it counts as admin); with `admin_or_reviewer`, also holders of
   * permissions.request.approve in the request's own department. Nobody decides a request about
   * themself.
   */
  async assertMayDecide(tx: PermissionsTx, operation: Operation, request: PermissionRequest): Promise<void> {
    const actor = operation.actor;
    if (actor.kind === 'client' && actor.id === BOOTSTRAP_ADMIN_CLIENT_ID) return;
    const forbidden = (message: string) =>
      DomainError.because(PermissionsErrorReasons.APPROVER_NOT_ALLOWED, message, {
        requestId: request.id,
        policy: this.config.approvers,
      });
    if (actor.kind === 'system' || !isUuid(actor.id)) {
      throw forbidden(
        'Only a person or an API client holding permissions.admin may decide permission requests',
      );
    }
    if (actor.kind === request.subjectType && actor.id === request.subjectId) {
      throw forbidden('Nobody may decide a request about themself; ask another approver');
    }
    const ask = (action: 'permissions.admin' | 'permissions.request.approve', departmentId: string | null) =>
      this.permissionDecider.decide(
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
