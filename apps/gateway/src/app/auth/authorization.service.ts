import { Injectable } from '@nestjs/common';
import {
  DecisionSchema,
  ErrorCode,
  PermissionsRpc,
  type Decision,
  type RequestMeta,
} from '@gongkai/contracts';
import { RemoteCallError, ServiceClient } from '@gongkai/messaging';
import { GatewayError } from '../errors/gateway.error';
import { AuthMetrics } from './auth.metrics';
import { DecisionCache, type DecisionKey } from './decision.cache';

export interface AuthorizationRequest extends DecisionKey {
  correlationId: string;
}

/**
 * Decides whether a subject may do an action in a department (the AuthGuard's seam). Never
 * allows on error: a failed check throws, and the caller gets 503 (or 500), never the route.
 */
export abstract class AuthorizationService {
  abstract decide(request: AuthorizationRequest): Promise<Decision>;
}

/** Asks `permissions.decisions.check`, through the event-invalidated DecisionCache. */
@Injectable()
export class PermissionsAuthorizationService extends AuthorizationService {
  /** Identical checks in flight share one request (a portal page fires several at once). */
  private readonly inFlight = new Map<string, { generation: number; decision: Promise<Decision> }>();

  constructor(
    private readonly serviceClient: ServiceClient,
    private readonly decisionCache: DecisionCache,
    private readonly authMetrics: AuthMetrics,
  ) {
    super();
  }

  async decide(request: AuthorizationRequest): Promise<Decision> {
    const key: DecisionKey = {
      subject: request.subject,
      action: request.action,
      departmentId: request.departmentId,
    };
    const cached = this.decisionCache.get(key);
    if (cached) {
      this.authMetrics.hit('decision');
      return cached;
    }
    this.authMetrics.miss('decision');
    const generation = this.decisionCache.generation;
    const flightKey = `${request.subject.type}:${request.subject.id}|${request.action}|${request.departmentId ?? '*'}`;
    const flying = this.inFlight.get(flightKey);
    // Only share a check that started after the last drop: an older one may predate the change.
    if (flying && flying.generation === generation) return flying.decision;
    const decision = this.ask(request).then((answer) => {
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

  private async ask(request: AuthorizationRequest): Promise<Decision> {
    const meta: RequestMeta = {
      actor: { kind: 'system', id: 'gateway' },
      correlationId: request.correlationId,
    };
    let reply: unknown;
    try {
      reply = await this.serviceClient.request(
        PermissionsRpc.checkPermission,
        { subject: request.subject, action: request.action, departmentId: request.departmentId },
        meta,
      );
    } catch (error) {
      throw checkFailed(error);
    }
    const decision = DecisionSchema.safeParse(reply);
    if (!decision.success) {
      throw new GatewayError(
        ErrorCode.INTERNAL,
        'The permissions service answered the permission check with an unexpected shape, so nothing was done. ' +
          'Report the correlation id to the operators.',
      );
    }
    return decision.data;
  }
}

function checkFailed(error: unknown): GatewayError {
  const code = error instanceof RemoteCallError ? error.code : undefined;
  if (code === ErrorCode.UNAVAILABLE || code === ErrorCode.TIMEOUT || code === undefined) {
    return new GatewayError(
      ErrorCode.UNAVAILABLE,
      'Permissions could not be checked: the permissions service is not answering. Nothing was done; retry in a few seconds.',
    );
  }
  return new GatewayError(
    ErrorCode.INTERNAL,
    `The permissions service could not decide (${code}), so nothing was done. Report the correlation id to the operators.`,
  );
}
