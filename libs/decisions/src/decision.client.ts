import { Inject, Injectable, Optional } from '@nestjs/common';
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
  type SubjectRef,
} from '@gongkai/contracts';
import { RemoteCallError, ServiceClient } from '@gongkai/messaging';
import { z } from 'zod';
import { DecisionCache, subjectKeyOf, type DecisionKey } from './decision.cache';
import {
  DECISIONS_OPTIONS,
  DECISION_OBSERVER,
  type DecisionObserver,
  type DecisionsOptions,
} from './decisions.options';

export interface DecisionQuestion {
  /** Who acts (RequestMeta.actor): decided for the person, also when a client acts for one. */
  actor: Actor;
  action: Action;
  /** The target department; null = a school-wide target (only school-wide bindings allow it). */
  departmentId: string | null;
  correlationId: string;
  /**
   * Decide as of this time (ISO 8601): a back-dated command (`occurredAt`) is decided as things
   * stood then, so a role granted since does not allow it. Such answers are never cached.
   */
  at?: string;
}

/** What the bootstrap admin key (BOOTSTRAP_ADMIN_API_KEY) is answered, without asking. */
export const BOOTSTRAP_DECISION: Decision = Object.freeze({
  allow: true,
  reason: 'The bootstrap admin key (BOOTSTRAP_ADMIN_API_KEY) may do everything.',
  bindingId: null,
  validUntil: null,
});

/**
 * The bootstrap admin key acting as itself, so a fresh install (no bindings yet) can be
 * administered. Acting for a person (`X-Acting-Person`) it is that person, decided as any other.
 */
export function isBootstrapAdmin(actor: Actor): boolean {
  return actor.kind === 'client' && actor.id === BOOTSTRAP_ADMIN_CLIENT_ID;
}

const SubjectIdSchema = z.uuid();

/**
 * Whom permissions decides for: the person or the API client acting. null for system actors and
 * ids that are not a subject's (only persons and clients hold roles).
 */
export function subjectOf(actor: Actor): SubjectRef | null {
  if (actor.kind === 'system' || !SubjectIdSchema.safeParse(actor.id).success) return null;
  return { type: actor.kind === 'client' ? 'client' : 'person', id: actor.id };
}

/**
 * A permission check that could not be answered: UNAVAILABLE (503) when permissions does not
 * answer in time, INTERNAL (500) when it answers something else than a decision. Never an allow.
 */
export class PermissionCheckError extends DomainError {
  constructor(code: typeof ErrorCode.UNAVAILABLE | typeof ErrorCode.INTERNAL, message: string) {
    super(code, message);
    this.name = 'PermissionCheckError';
  }
}

/**
 * THE way an app asks "may this actor do this action in this department?" (ADR 0002): the gateway
 * for its routes, a service for what only it knows the department of. It applies the bootstrap
 * rule, asks `permissions.decisions.check` (typed: CheckPermissionRpc), and caches each answer
 * per (subject, action, department) until a permissions event names the subject, a reorganisation
 * happens, DECISION_CACHE_TTL_MS passes or the decision's validUntil comes (PermissionsEventFeed).
 * On any error it throws PermissionCheckError: it never allows on error.
 */
@Injectable()
export class DecisionClient {
  /** Identical checks in flight share one request (a portal page fires several at once). */
  private readonly inFlight = new Map<string, { generation: number; decision: Promise<Decision> }>();

  constructor(
    private readonly serviceClient: ServiceClient,
    private readonly decisionCache: DecisionCache,
    @Inject(DECISIONS_OPTIONS) private readonly options: DecisionsOptions,
    @Optional() @Inject(DECISION_OBSERVER) private readonly observer?: DecisionObserver,
  ) {}

  /**
   * Whether the actor may do any of `actions` in the department: asked one after another (each
   * answer cached as by check), stopping at the first allowed. For reads shown to whoever works
   * on something in one of several capacities (a department's liaisons, reviewers, the office).
   */
  async allowsAny(question: Omit<DecisionQuestion, 'action'>, actions: readonly Action[]): Promise<boolean> {
    for (const action of actions) {
      if ((await this.check({ ...question, action })).allow) return true;
    }
    return false;
  }

  async check(question: DecisionQuestion): Promise<Decision> {
    const { actor, action, departmentId } = question;
    if (isBootstrapAdmin(actor)) return BOOTSTRAP_DECISION;
    const subject = subjectOf(actor);
    if (!subject) {
      return {
        allow: false,
        reason: `${actor.kind} ${actor.id} is neither a person nor an API client, and only they hold roles`,
        bindingId: null,
        validUntil: null,
      };
    }
    const key: DecisionKey = { subject, action, departmentId };
    // The bootstrap admin key acting for a person enters the old system's records (migration):
    // decided as things stand now, as it may do everything itself.
    if (question.at !== undefined && actor.onBehalfOf !== BOOTSTRAP_ADMIN_CLIENT_ID) {
      return this.ask(key, question.correlationId, question.at);
    }
    const cached = this.decisionCache.get(key);
    if (cached) {
      this.observer?.hit();
      return cached;
    }
    this.observer?.miss();
    const generation = this.decisionCache.generation;
    const flightKey = `${subjectKeyOf(subject)}|${action}|${departmentId ?? '*'}`;
    const flying = this.inFlight.get(flightKey);
    // Only share a check that started after the last drop: an older one may predate the change.
    if (flying && flying.generation === generation) return flying.decision;
    const decision = this.ask(key, question.correlationId).then((answer) => {
      this.decisionCache.set(key, answer, generation);
      return answer;
    });
    const flight = { generation, decision };
    this.inFlight.set(flightKey, flight);
    try {
      return await decision;
    } finally {
      if (this.inFlight.get(flightKey) === flight) this.inFlight.delete(flightKey);
    }
  }

  private async ask(key: DecisionKey, correlationId: string, at?: string): Promise<Decision> {
    const meta: RequestMeta = { actor: { kind: 'system', id: this.options.caller }, correlationId };
    let reply: unknown;
    try {
      reply = await this.serviceClient.request(
        CheckPermissionRpc,
        { subject: key.subject, action: key.action, departmentId: key.departmentId, ...(at ? { at } : {}) },
        meta,
      );
    } catch (error) {
      throw checkFailed(error);
    }
    // Replies are not checked in production (validateReplies): this one decides, so always here.
    const decision = DecisionSchema.safeParse(reply);
    if (!decision.success) {
      throw new PermissionCheckError(
        ErrorCode.INTERNAL,
        'The permissions service answered the permission check with an unexpected shape, so nothing was done. ' +
          'Report the correlation id to the operators.',
      );
    }
    return decision.data;
  }
}

function checkFailed(error: unknown): PermissionCheckError {
  const code = error instanceof RemoteCallError ? error.code : undefined;
  if (code === ErrorCode.UNAVAILABLE || code === ErrorCode.TIMEOUT || code === undefined) {
    return new PermissionCheckError(
      ErrorCode.UNAVAILABLE,
      'Permissions could not be checked: the permissions service is not answering. Nothing was done; retry in a few seconds.',
    );
  }
  return new PermissionCheckError(
    ErrorCode.INTERNAL,
    `The permissions service could not decide (${code}), so nothing was done. Report the correlation id to the operators.`,
  );
}
