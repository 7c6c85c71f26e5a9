import { Injectable } from '@nestjs/common';
import { z } from 'zod';
import {
  BOOTSTRAP_ADMIN_CLIENT_ID,
  CheckPermissionRpc,
  DecisionSchema,
  DomainError,
  ErrorCode,
  type Action,
  type Actor,
  type Decision,
  type RequestMeta,
} from '@gongkai/contracts';
import { ServiceClient } from '@gongkai/messaging';

const SubjectIdSchema = z.uuid();

/**
 * Decisions the complaints service makes itself, where only the stored case knows its department
 * (accept, notes, reply, the application and report steps, reading one case and its personal
 * data). The one place that asks `permissions.decisions.check`; when the shared decision client
 * (libs/decisions) lands, it replaces the body of `decide` and nothing else changes. Never allows
 * on error: a failed check is UNAVAILABLE/TIMEOUT, and nothing is done.
 */
@Injectable()
export class CaseAccess {
  constructor(private readonly serviceClient: ServiceClient) {}

  async decide(meta: RequestMeta, action: Action, departmentId: string | null): Promise<Decision> {
    if (isBootstrapAdmin(meta.actor)) {
      return {
        allow: true,
        reason: 'The bootstrap admin key may do everything.',
        bindingId: null,
        validUntil: null,
      };
    }
    const subjectId = SubjectIdSchema.safeParse(meta.actor.id);
    if (meta.actor.kind === 'system' || !subjectId.success) {
      return {
        allow: false,
        reason: `${meta.actor.kind} ${meta.actor.id} holds no roles`,
        bindingId: null,
        validUntil: null,
      };
    }
    const reply = await this.serviceClient.request(
      CheckPermissionRpc,
      {
        subject: { type: meta.actor.kind === 'client' ? 'client' : 'person', id: subjectId.data },
        action,
        departmentId,
      },
      { actor: { kind: 'system', id: 'complaints' }, correlationId: meta.correlationId },
    );
    return DecisionSchema.parse(reply);
  }

  /** Allowed in any of the departments (none: school-wide). */
  async mayInAny(
    meta: RequestMeta,
    action: Action,
    departmentIds: readonly (string | null)[],
  ): Promise<boolean> {
    const targets = departmentIds.length === 0 ? [null] : [...new Set(departmentIds)];
    for (const departmentId of targets) {
      if ((await this.decide(meta, action, departmentId)).allow) return true;
    }
    return false;
  }

  async assertMayInAny(
    meta: RequestMeta,
    action: Action,
    departmentIds: readonly (string | null)[],
  ): Promise<void> {
    if (await this.mayInAny(meta, action, departmentIds)) return;
    const where =
      departmentIds.filter(Boolean).length > 0
        ? `for department ${departmentIds.filter(Boolean).join(' or ')}`
        : 'school-wide';
    throw new DomainError(
      ErrorCode.FORBIDDEN,
      `${describe(meta.actor)} may not ${action} ${where}. Ask the disclosure office (信息公开办) for the role in that department.`,
      { action, departmentIds },
    );
  }
}

function isBootstrapAdmin(actor: Actor): boolean {
  return actor.kind === 'client' && actor.id === BOOTSTRAP_ADMIN_CLIENT_ID;
}

function describe(actor: Actor): string {
  if (actor.kind === 'client') return `API client ${actor.id}`;
  if (actor.kind === 'person') return `Person ${actor.id}`;
  return `The ${actor.id} system`;
}
