import { Injectable } from '@nestjs/common';
import {
  BOOTSTRAP_ADMIN_CLIENT_ID,
  CommonErrorReasons,
  DomainError,
  type OpenPermissionRequest,
  type SubjectType,
} from '@gongkai/contracts';
import { PermissionDecider } from '../access/permission-decider';
import { PeopleRepository } from '../people/people.repository';
import type { PermissionsTx } from '../prisma.service';
import type { Operation } from '../shared/operation';

/**
 * Who may open a permission request: a member of staff who is active, for themself (any role:
 * an approver decides); for anybody else, whoever may approve requests in that department
 * (`permissions.request.approve`: its reviewer or the disclosure office; school-wide roles: the office).
 */
@Injectable()
export class RequestOpeners {
  constructor(
    private readonly permissionDecider: PermissionDecider,
    private readonly peopleRepository: PeopleRepository,
  ) {}

  async assertMayOpen(tx: PermissionsTx, operation: Operation, body: OpenPermissionRequest): Promise<void> {
    const actor = operation.actor;
    if (actor.kind === 'client' && actor.id === BOOTSTRAP_ADMIN_CLIENT_ID) return;
    if (actor.kind === 'system') throw denied(`The ${actor.id} system may not open permission requests`);
    if (actor.kind === 'person' && body.subjectType === 'person' && body.subjectId === actor.id) {
      const person = await this.peopleRepository.findById(tx, actor.id);
      if (person?.status === 'active' && person.identityType === 'staff') return;
      throw denied(
        `Person ${actor.id} may not ask for a role: only active staff open requests for themselves ` +
          `(this person is ${person ? `${person.identityType}, ${person.status}` : 'unknown'}).`,
      );
    }
    const decision = await this.permissionDecider.decide(
      {
        subjectType: actor.kind as SubjectType,
        subjectId: actor.id,
        action: 'permissions.request.approve',
        departmentId: body.departmentId,
        at: operation.now,
      },
      tx,
    );
    if (decision.allow) return;
    const where = body.departmentId ? `in department ${body.departmentId}` : 'school-wide';
    throw denied(
      `${actor.kind} ${actor.id} may not ask for a role for somebody else ${where}: ${decision.reason}. ` +
        "Staff may ask for themselves (subjectId: their own person id); otherwise ask the department's reviewer " +
        'or the disclosure office (信息公开办).',
      {
        action: 'permissions.request.approve',
        departmentId: body.departmentId,
        decisionReason: decision.reason,
      },
    );
  }
}

function denied(message: string, details?: Record<string, unknown>): DomainError {
  return DomainError.because(CommonErrorReasons.PERMISSION_DENIED, message, details);
}
