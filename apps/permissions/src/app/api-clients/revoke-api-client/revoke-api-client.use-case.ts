import { Injectable } from '@nestjs/common';
import { ClientRevokedV1, type ApiClient, type RequestMeta, type RevokeApiClient } from '@gongkai/contracts';
import { emitEvent } from '@gongkai/messaging';
import { BindingWriter } from '../../access/binding-writer';
import { BindingsRepository } from '../../access/bindings.repository';
import { RequestWriter } from '../../requests/request-writer';
import { RequestsRepository } from '../../requests/requests.repository';
import { UnitOfWork } from '../../shared/unit-of-work';
import { requireActiveClient } from '../api-client-guards';
import { ApiClientsRepository } from '../api-clients.repository';

/** The key stops working, every binding of the client ends and its open requests are cancelled, at once. */
@Injectable()
export class RevokeApiClientUseCase {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly apiClientsRepository: ApiClientsRepository,
    private readonly bindingsRepository: BindingsRepository,
    private readonly requestsRepository: RequestsRepository,
    private readonly bindingWriter: BindingWriter,
    private readonly requestWriter: RequestWriter,
  ) {}

  execute(meta: RequestMeta, body: RevokeApiClient): Promise<ApiClient> {
    return this.unitOfWork.run(meta, async (tx, operation) => {
      requireActiveClient(await this.apiClientsRepository.lock(tx, body.id), body.id);
      const client = await this.apiClientsRepository.update(tx, body.id, {
        status: 'revoked',
        revokedAt: operation.now,
      });
      const endedBindingIds: string[] = [];
      for (const binding of await this.bindingsRepository.activeOf(tx, 'client', client.id, operation.now)) {
        const ended = await this.bindingWriter.end(tx, operation, binding, {
          endReason: 'revoked',
          reason: `API client revoked: ${body.reason}`,
        });
        if (ended) endedBindingIds.push(ended.id);
      }
      for (const request of await this.requestsRepository.openOfSubject(tx, 'client', client.id)) {
        await this.requestWriter.cancel(tx, operation, request, 'The API client was revoked');
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
