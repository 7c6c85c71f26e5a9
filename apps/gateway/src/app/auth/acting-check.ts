import { Injectable } from '@nestjs/common';
import {
  ActingDecisionSchema,
  ErrorCode,
  GatewayErrorReasons,
  PermissionsRpc,
  type ActingDecision,
} from '@gongkai/contracts';
import { ServiceClient } from '@gongkai/messaging';
import { GatewayError } from '../errors/gateway.error';

/**
 * `X-Acting-Person`: asks permissions whether the client may act for that person (active, no
 * admin role, every role among the client's `actForRoles`) on every such request, so a departure
 * or a new role takes effect at once. Refused: 403 ACTING_FOR_PERSON_REFUSED; not answered: 503.
 */
@Injectable()
export class ActingCheck {
  constructor(private readonly serviceClient: ServiceClient) {}

  async assertMayAct(
    client: { id: string; name: string },
    personId: string,
    correlationId: string,
  ): Promise<void> {
    let decision: ActingDecision;
    try {
      decision = ActingDecisionSchema.parse(
        await this.serviceClient.request(
          PermissionsRpc.checkActing,
          { clientId: client.id, personId },
          { actor: { kind: 'system', id: 'gateway' }, correlationId },
        ),
      );
    } catch {
      throw new GatewayError(
        ErrorCode.UNAVAILABLE,
        'Whether the client may act for this person could not be checked: the permissions service is not answering. ' +
          'Nothing was done; retry in a few seconds.',
      );
    }
    if (decision.allow) return;
    throw GatewayError.because(
      GatewayErrorReasons.ACTING_FOR_PERSON_REFUSED,
      `API client ${client.name} may not act for person ${personId}: ${decision.reason}. ` +
        "Let the person sign in themself, or ask the disclosure office (信息公开办) to widen the client's `actForRoles`.",
      { extensions: { personId, actingReason: decision.reason } },
    );
  }
}
