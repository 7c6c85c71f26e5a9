import { Controller } from '@nestjs/common';
import { ClientRevokedV1, PermissionsRpc, type ApiClient } from '@gongkai/contracts';
import { RpcHandler, emitEvent, type RpcRequest } from '@gongkai/messaging';
import { AccessService } from '../../access/access.service';
import { BindingsRepository } from '../../access/bindings.repository';
import { RequestsRepository } from '../../requests/requests.repository';
import { RequestsService } from '../../requests/requests.service';
import { UnitOfWork } from '../../shared/unit-of-work';
import { ApiClientsRepository } from '../api-clients.repository';
import { requireActiveClient } from '../api-client-guards';

/** POST /api-clients/{id}/revoke: the key stops working and every binding of the client ends, at once. */
@Controller()
export class RevokeApiClientHandler {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly apiClientsRepository: ApiClientsRepository,
    private readonly bindingsRepository: BindingsRepository,
    private readonly requestsRepository: RequestsRepository,
    private readonly accessService: AccessService,
    private readonly requestsService: RequestsService,
  ) {}

  @RpcHandler(PermissionsRpc.revokeApiClient)
  revoke(call: RpcRequest<typeof PermissionsRpc.revokeApiClient>): Promise<ApiClient> {
    const { meta, body } = call;
    return this.unitOfWork.run(meta, async (tx, operation) => {
      requireActiveClient(await this.apiClientsRepository.lock(tx, body.id), body.id);
      const client = await this.apiClientsRepository.update(tx, body.id, {
        status: 'revoked',
        revokedAt: operation.now,
      });
      const endedBindingIds: string[] = [];
      for (const binding of await this.bindingsRepository.activeOf(tx, 'client', client.id, operation.now)) {
        const ended = await this.accessService.end(tx, operation, binding, {
          endReason: 'revoked',
          reason: `API client revoked: ${body.reason}`,
        });
        if (ended) endedBindingIds.push(ended.id);
      }
      for (const request of await this.requestsRepository.openOfSubject(tx, 'client', client.id)) {
        await this.requestsService.cancel(tx, operation, request, 'The API client was revoked');
      }
      await emitEvent(
        tx,
        ClientRevokedV1,
        {
          clientId: client.id,
          subjectType: 'client',
          subjectId: client.id,
          revokedAt: operation.now.toISOString(),
          reason: body.reason,
          endedBindingIds,
        },
        operation.events(),
      );
      operation.audit({
        action: 'client.revoked',
        subjectType: 'client',
        subjectId: client.id,
        reason: body.reason,
        details: { client, endedBindingIds },
      });
      return client;
    });
  }
}
