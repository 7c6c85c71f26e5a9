import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import {
  ACTIONS,
  BOOTSTRAP_ADMIN_CLIENT_ID,
  CommonErrorReasons,
  ErrorCode,
  GatewayErrorReasons,
  PermissionsErrorReasons,
  ROLE_DEFINITIONS,
  type Action,
  type Actor,
  type Decision,
  type ErrorReason,
  type SubjectRef,
} from '@gongkai/contracts';
import {
  DecisionClient,
  PermissionCheckError,
  isBootstrapAdmin,
  type DecisionQuestion,
} from '@gongkai/decisions';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { GatewayError } from '../errors/gateway.error';
import { ActingCheck } from './acting-check';
import { ApiKeyResolver, type ApiClient } from './api-key.resolver';
import { AuthFailureLimiter } from './auth-failure-limiter';
import { businessTimesOf } from './business-time';
import { ACTION, AUTHENTICATED_ONLY, IS_PUBLIC, type RouteAction } from './auth.decorators';
import { departmentIdOf } from './department-scope';
import { BearerTokenVerifier } from './bearer-token.verifier';
import type { RouteDecision } from './route-decision';

const PUBLIC_PATH_PREFIX = '/api/v1/public/';
const BEARER = /^Bearer\s+(\S+)\s*$/i;
const PersonIdSchema = z.uuid();
const ActionSchema = z.enum(ACTIONS);

interface Principal {
  actor: Actor;
  /** Set when an API key authenticated the request (also when it acts for a person). */
  client?: ApiClient;
}

/**
 * Global guard: authenticates (`X-Api-Key` or `Authorization: Bearer <jwt>`), applies
 * `X-Acting-Person`, asks the DecisionClient (@gongkai/decisions, as the services do) whether the
 * subject may do the route's `@Action` in its department, and leaves the actor on the request.
 *
 * The subject decided for is the actor: the person of the JWT, the API client, or, when a client
 * acts for a person, that PERSON (DESIGN.md: "the decision is then that person's"); the actor
 * keeps `onBehalfOf: <client>` for the audit log. Only the bootstrap admin key acting as itself
 * is allowed without asking (the DecisionClient's bootstrap rule), so a fresh install (no
 * bindings yet) can be administered.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly apiKeyResolver: ApiKeyResolver,
    private readonly bearerTokens: BearerTokenVerifier,
    private readonly decisionClient: DecisionClient,
    private readonly authFailures: AuthFailureLimiter,
    private readonly actingCheck: ActingCheck,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const targets = [context.getHandler(), context.getClass()];
    const routeUrl = request.routeOptions.url ?? '';
    if (
      this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets) ||
      routeUrl.startsWith(PUBLIC_PATH_PREFIX)
    ) {
      return true;
    }
    const principal = await this.authenticate(request, context.switchToHttp().getResponse<FastifyReply>());
    if (principal.client && principal.actor.onBehalfOf) {
      await this.actingCheck.assertMayAct(principal.client, principal.actor.id, String(request.id));
    }
    const businessTimes = businessTimesOf(request.body, new Date());
    if (businessTimes.backdated.length > 0) {
      await this.assertMayBackdate(principal, businessTimes.backdated, String(request.id));
    }
    if (!this.reflector.getAllAndOverride<boolean>(AUTHENTICATED_ONLY, targets)) {
      const route = this.reflector.getAllAndOverride<RouteAction | undefined>(ACTION, targets);
      await this.authorize(
        request,
        principal,
        route,
        `${request.method} ${routeUrl}`,
        businessTimes.decideAt,
      );
    }
    request.actor = principal.actor;
    return true;
  }

  private async authorize(
    request: FastifyRequest,
    { actor, client }: Principal,
    route: RouteAction | undefined,
    routeName: string,
    /** `occurredAt` of a command entered after the fact: decided as things stood then. */
    at: string | undefined,
  ): Promise<void> {
    if (!route) {
      if (isBootstrapAdmin(actor)) return;
      // A protected route must name its action; until it does, nobody but the bootstrap admin may call it.
      throw new GatewayError(
        ErrorCode.FORBIDDEN,
        `${routeName} declares no permission action, so only the bootstrap administrator may call it. ` +
          'Report this to the operators.',
      );
    }
    const action = route.action ?? actionNamedIn(request, route.actionFrom);
    const departmentId =
      route.departmentFrom && route.departmentFrom !== 'service'
        ? departmentIdOf(request, route.departmentFrom)
        : null;
    // The service decides once it has loaded the department (see ActionOptions.departmentFrom);
    // its handler is marked @DecidesPermission (service-decided-routes.spec.ts checks each one).
    if (route.departmentFrom === 'service' && !isBootstrapAdmin(actor)) return;
    const subject = subjectOf(actor);
    const decision = await this.decide({
      actor,
      action,
      departmentId,
      correlationId: String(request.id),
      ...(at ? { at } : {}),
    });
    if (!decision.allow) throw forbidden({ subject, action, departmentId, decision, actor, client });
    request.decision = { ...decision, subject, action, departmentId } satisfies RouteDecision;
  }

  /**
   * Back-dating (a business time before today, see business-time.ts) needs the right for whoever
   * acts: an API client `mayBackdate`, a person `business-time.backdate` (school-wide); a client
   * acting for a person needs both. The bootstrap admin key may.
   */
  private async assertMayBackdate(
    { actor, client }: Principal,
    fields: readonly string[],
    correlationId: string,
  ): Promise<void> {
    // The bootstrap admin key (setup and migration of the old system's records) may, also for a person.
    if (client?.id === BOOTSTRAP_ADMIN_CLIENT_ID) return;
    const named = fields.map((field) => `\`${field}\``).join(', ');
    if (client && !client.mayBackdate) {
      throw GatewayError.because(
        GatewayErrorReasons.BACKDATING_NOT_ALLOWED,
        `API client ${client.name} may not back-date entries (${named} before today). Remove ${named} or give a time ` +
          'of today, or ask the disclosure office to allow the client to back-date.',
        { extensions: { fields } },
      );
    }
    if (actor.kind !== 'person') return;
    const decision = await this.decide({
      actor,
      action: 'business-time.backdate',
      departmentId: null,
      correlationId,
    });
    if (decision.allow) return;
    throw GatewayError.because(
      GatewayErrorReasons.BACKDATING_NOT_ALLOWED,
      `Person ${actor.id} may not back-date entries (${named} before today): ${decision.reason}. Remove ${named} or ` +
        'give a time of today, or ask the disclosure office (信息公开办) for business-time.backdate.',
      { extensions: { fields, decisionReason: decision.reason } },
    );
  }

  /** The DecisionClient's answer; its failures as the gateway's own 503 or 500 (never an allow). */
  private async decide(question: DecisionQuestion): Promise<Decision> {
    try {
      return await this.decisionClient.check(question);
    } catch (error) {
      if (error instanceof PermissionCheckError) throw new GatewayError(error.code, error.message);
      throw error;
    }
  }

  /**
   * Presented credentials are checked only while the client address has failed fewer than
   * AUTH_FAILURES_PER_MINUTE times this minute, and each refusal counts (AuthFailureLimiter). A key
   * that authenticated moments ago (in memory, no round trip) passes, so a flood of made-up keys
   * from a shared address (a NAT) does not lock out the campus systems behind it.
   */
  private async authenticate(request: FastifyRequest, reply: FastifyReply): Promise<Principal> {
    const apiKey = request.headers['x-api-key'];
    const presented = apiKey !== undefined || request.headers.authorization !== undefined;
    if (!presented) return this.verifyCredentials(request, reply);
    const knownKey =
      typeof apiKey === 'string' && this.apiKeyResolver.recentlyAuthenticated(apiKey) !== undefined;
    if (!knownKey) await this.authFailures.refuseWhenExceeded(request, reply);
    try {
      return await this.verifyCredentials(request, reply);
    } catch (error) {
      if (error instanceof GatewayError && error.code === ErrorCode.UNAUTHENTICATED) {
        await this.authFailures.recordFailure(request);
      }
      throw error;
    }
  }

  private async verifyCredentials(request: FastifyRequest, reply: FastifyReply): Promise<Principal> {
    const unauthenticated = (
      detail: string,
      reason?: ErrorReason<string, 'UNAUTHENTICATED'>,
      extensions?: Record<string, unknown>,
    ) => {
      void reply.header('www-authenticate', 'Bearer realm="gongkai"');
      return reason
        ? GatewayError.because(reason, detail, extensions ? { extensions } : {})
        : new GatewayError(ErrorCode.UNAUTHENTICATED, detail);
    };
    const apiKey = request.headers['x-api-key'];
    const authorization = request.headers.authorization;
    if (apiKey !== undefined) {
      const client =
        typeof apiKey === 'string' && apiKey.length > 0
          ? await this.apiKeyResolver.resolve(apiKey, String(request.id))
          : null;
      if (!client)
        throw unauthenticated(
          'The API key in `X-Api-Key` is not valid. Check the key, or ask for a new one.',
          PermissionsErrorReasons.API_KEY_INVALID,
        );
      const actingPerson = request.headers['x-acting-person'];
      if (actingPerson === undefined) return { actor: { kind: 'client', id: client.id }, client };
      if (!client.mayActForPersons) {
        throw GatewayError.because(
          GatewayErrorReasons.ACTING_FOR_PERSON_NOT_ALLOWED,
          `API client ${client.name} may not act for a person. Remove \`X-Acting-Person\`, or ask the disclosure office to allow the client to act for persons.`,
        );
      }
      const personId = PersonIdSchema.safeParse(actingPerson);
      if (!personId.success) {
        throw new GatewayError(
          ErrorCode.VALIDATION_FAILED,
          '`X-Acting-Person` must be a person id (a UUID).',
          {
            errors: [
              {
                in: 'header',
                pointer: '/x-acting-person',
                code: 'invalid_format',
                message: 'Expected a UUID',
              },
            ],
          },
        );
      }
      return { actor: { kind: 'person', id: personId.data, onBehalfOf: client.id }, client };
    }
    if (authorization !== undefined) {
      const token = BEARER.exec(authorization)?.[1];
      if (!token) {
        throw unauthenticated(
          '`Authorization` must be `Bearer <token>`. Send the token you got when signing in.',
          GatewayErrorReasons.BEARER_TOKEN_INVALID,
        );
      }
      const checked = await this.bearerTokens.verify(token, String(request.id));
      if (!checked.ok) {
        throw unauthenticated(
          checked.detail,
          GatewayErrorReasons.BEARER_TOKEN_INVALID,
          checked.claim ? { claim: checked.claim } : undefined,
        );
      }
      const personId = checked.personId;
      if (!PersonIdSchema.safeParse(personId).success) {
        throw unauthenticated(
          'The bearer token does not name a person: its `sub` must be a person id (a UUID). Sign in again.',
          GatewayErrorReasons.BEARER_TOKEN_INVALID,
        );
      }
      if (request.headers['x-acting-person'] !== undefined) {
        throw GatewayError.because(
          GatewayErrorReasons.ACTING_FOR_PERSON_NOT_ALLOWED,
          'Only API clients may send `X-Acting-Person`; a signed-in person acts as themself. Remove the header.',
        );
      }
      return { actor: { kind: 'person', id: personId } };
    }
    throw unauthenticated(
      'This endpoint needs credentials: send `X-Api-Key: <key>` or `Authorization: Bearer <jwt>`.',
    );
  }
}

function actionNamedIn(request: FastifyRequest, source: `query.${string}`): Action {
  const field = source.slice('query.'.length);
  const value = (request.query as Record<string, unknown> | undefined)?.[field];
  const parsed = ActionSchema.safeParse(value);
  if (parsed.success) return parsed.data;
  throw new GatewayError(
    ErrorCode.VALIDATION_FAILED,
    `\`${field}\` must name one of the actions listed at GET /api/v1/roles.`,
    {
      errors: [
        {
          in: 'query',
          pointer: `/${field}`,
          code: 'invalid_value',
          message: `One of: ${ACTIONS.join(', ')}`,
        },
      ],
    },
  );
}

function subjectOf(actor: Actor): SubjectRef {
  return { type: actor.kind === 'client' ? 'client' : 'person', id: actor.id };
}

/**
 * 403 PERMISSION_DENIED with the permissions service's explanation (`decisionReason`; `reason` is
 * the code a client branches on) and what to ask for, and from whom.
 */
function forbidden({
  subject,
  action,
  departmentId,
  decision,
  actor,
  client,
}: {
  subject: SubjectRef;
  action: Action;
  departmentId: string | null;
  decision: Decision;
  actor: Actor;
  client?: ApiClient;
}): GatewayError {
  const clientName = client ? `API client ${client.name} (${client.id})` : `API client ${actor.onBehalfOf}`;
  const who =
    subject.type === 'client'
      ? clientName
      : actor.onBehalfOf
        ? `Person ${subject.id} (acted for by ${clientName})`
        : `Person ${subject.id}`;
  const where = departmentId ? `in department ${departmentId}` : 'school-wide';
  const roles = Object.values(ROLE_DEFINITIONS)
    .filter((definition) => definition.actions.includes(action))
    .filter((definition) => departmentId !== null || !definition.departmentScoped)
    .map((definition) => `${definition.role} (${definition.label})`);
  const reason = decision.reason.trim().replace(/[.!?]?$/, '.');
  return GatewayError.because(
    CommonErrorReasons.PERMISSION_DENIED,
    `${who} may not ${action} ${where}: ${reason} Ask the disclosure office (信息公开办) for a role that grants it ` +
      `${departmentId ? 'in that department' : 'school-wide'}: ${roles.join(', ')}.`,
    { extensions: { action, departmentId, decisionReason: decision.reason } },
  );
}
