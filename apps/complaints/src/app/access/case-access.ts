import { Injectable } from '@nestjs/common';
import { DomainError, ErrorCode, type Action, type Actor, type RequestMeta } from '@gongkai/contracts';
import { DecisionClient } from '@gongkai/decisions';

/**
 * Decisions the complaints service makes itself, where only the stored case knows its department
 * (accept, notes, reply, the application and report steps, reading one case and its personal
 * data): the one decision client (@gongkai/decisions: the bootstrap rule,
 * permissions.decisions.check, a cache permissions' events invalidate). Never allows on error: a
 * failed check is UNAVAILABLE, and nothing is done.
 */
@Injectable()
export class CaseAccess {
  constructor(private readonly decisionClient: DecisionClient) {}

  decide(
    meta: RequestMeta,
    action: Action,
    departmentId: string | null,
    at?: string,
  ): ReturnType<DecisionClient['check']> {
    return this.decisionClient.check({
      actor: meta.actor,
      action,
      departmentId,
      correlationId: meta.correlationId,
      ...(at ? { at } : {}),
    });
  }
  /** Allowed in any of the departments (none: school-wide). */
  async mayInAny(
    meta: RequestMeta,
    action: Action,
    departmentIds: readonly (string | null)[],
    at?: string,
  ): Promise<boolean> {
    const targets = departmentIds.length === 0 ? [null] : [...new Set(departmentIds)];
    for (const departmentId of targets) {
      if ((await this.decide(meta, action, departmentId, at)).allow) return true;
    }
    return false;
  }

  async assertMayInAny(
    meta: RequestMeta,
    action: Action,
    departmentIds: readonly (string | null)[],
    /** The command's `occurredAt`, when back-dated: decided as things stood then. */
    at?: string,
  ): Promise<void> {
    if (await this.mayInAny(meta, action, departmentIds, at)) return;
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

function describe(actor: Actor): string {
  if (actor.kind === 'client') return `API client ${actor.id}`;
  if (actor.kind === 'person') return `Person ${actor.id}`;
  return `The ${actor.id} system`;
}
