import {
  SYSTEM_ACTOR,
  type Actor,
  type AuditAction,
  type AuditSubjectType,
  type RequestMeta,
} from '@gongkai/contracts';
import type { EventContext } from '@gongkai/messaging';
import { businessTimeOf } from '@gongkai/service-kit';

/** One audit entry as an operation records it; the AuditLog chains and stores it at commit. */
export interface AuditDraft {
  occurredAt: Date;
  action: AuditAction;
  subjectType: AuditSubjectType | null;
  subjectId: string | null;
  reason: string | null;
  before?: unknown;
  after?: unknown;
  details?: unknown;
}

/**
 * One command being carried out: who asks, its correlation id, the one "now" every row and event
 * of it shares, and the audit entries it has collected. The entries are written at the end of
 * the transaction (AuditLog.flush), so the chain lock is held only for the last few statements.
 */
export class Operation {
  readonly audits: AuditDraft[] = [];

  constructor(
    readonly actor: Actor,
    readonly correlationId: string,
    readonly now: Date,
  ) {}

  static forRequest(meta: RequestMeta, now: Date): Operation {
    return new Operation(meta.actor, meta.correlationId, now);
  }

  /** Work the service does by itself (the binding sweeper). */
  static forSystem(now: Date, correlationId: string): Operation {
    return new Operation(SYSTEM_ACTOR, correlationId, now);
  }

  events(occurredAt?: Date): EventContext {
    return {
      source: 'permissions',
      actor: this.actor,
      correlationId: this.correlationId,
      occurredAt: occurredAt ?? this.now,
    };
  }

  audit(draft: Omit<AuditDraft, 'occurredAt'> & { occurredAt?: Date }): void {
    this.audits.push({ ...draft, occurredAt: draft.occurredAt ?? this.now });
  }

  /** Business time (DESIGN.md), by the one rule of the service kit (businessTimeOf). */
  businessTime(occurredAt: string | undefined): Date {
    return businessTimeOf(occurredAt, this.now);
  }
}
