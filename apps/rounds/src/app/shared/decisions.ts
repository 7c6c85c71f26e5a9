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
} from '@gongkai/contracts';
import { RemoteCallError, ServiceClient } from '@gongkai/messaging';

export interface DecisionQuestion {
  actor: Actor;
  action: Action;
  /** The target department; null = a school-wide target. */
  departmentId: string | null;
  correlationId: string;
}

const SubjectIdSchema = z.uuid();

/**
 * "May this actor do this action in this department?", asked of permissions.decisions.check
 * (ADR 0002), for what only rounds knows the department of (a task's). The one place rounds asks,
 * shaped like libs/decisions' DecisionClient.check so it can be swapped for it. The bootstrap admin
 * key acting as itself is allowed everything; system actors hold no roles. When permissions cannot
 * answer it throws UNAVAILABLE: never an allow on error.
 */
@Injectable()
export class Decisions {
  constructor(private readonly serviceClient: ServiceClient) {}

  async check(question: DecisionQuestion): Promise<Decision> {
    const { actor, action, departmentId } = question;
    if (actor.kind === 'client' && actor.id === BOOTSTRAP_ADMIN_CLIENT_ID) {
      return {
        allow: true,
        reason: 'The bootstrap admin key may do everything.',
        bindingId: null,
        validUntil: null,
      };
    }
    const subjectId = SubjectIdSchema.safeParse(actor.id);
    if (actor.kind === 'system' || !subjectId.success) {
      return {
        allow: false,
        reason: `${actor.kind} ${actor.id} is neither a person nor an API client, and only they hold roles`,
        bindingId: null,
        validUntil: null,
      };
    }
    let reply: unknown;
    try {
      reply = await this.serviceClient.request(
        CheckPermissionRpc,
        {
          subject: { type: actor.kind === 'client' ? 'client' : 'person', id: subjectId.data },
          action,
          departmentId,
        },
        { actor: { kind: 'system', id: 'rounds' }, correlationId: question.correlationId },
      );
    } catch (error) {
      if (
        error instanceof RemoteCallError &&
        error.code !== ErrorCode.UNAVAILABLE &&
        error.code !== ErrorCode.TIMEOUT
      ) {
        throw new DomainError(ErrorCode.INTERNAL, `The permission check failed: ${error.message}`);
      }
      throw new DomainError(
        ErrorCode.UNAVAILABLE,
        'The permissions service did not answer the permission check, so nothing was done. Retry in a few seconds.',
      );
    }
    return DecisionSchema.parse(reply);
  }
}
