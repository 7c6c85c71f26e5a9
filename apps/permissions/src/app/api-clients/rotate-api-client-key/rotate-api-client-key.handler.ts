import { Controller } from '@nestjs/common';
import { ClientRotatedV1, PermissionsRpc, type IssuedApiKey } from '@gongkai/contracts';
import { RpcHandler, emitEvent, type RpcRequest } from '@gongkai/messaging';
import { BindingsRepository } from '../../access/bindings.repository';
import { UnitOfWork } from '../../shared/unit-of-work';
import { issueApiKey } from '../api-key';
import { ApiClientsRepository } from '../api-clients.repository';
import { requireActiveClient } from '../api-client-guards';

/** POST /api-clients/{id}/rotate: a new key, shown once; the old key stops working at commit. */
@Controller()
export class RotateApiClientKeyHandler {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly apiClientsRepository: ApiClientsRepository,
    private readonly bindingsRepository: BindingsRepository,
  ) {}

  @RpcHandler(PermissionsRpc.rotateApiClientKey)
  async rotate(call: RpcRequest<typeof PermissionsRpc.rotateApiClientKey>): Promise<IssuedApiKey> {
    const { meta, body } = call;
    const issued = await issueApiKey(body.id);
    return this.unitOfWork.run(meta, async (tx, operation) => {
      requireActiveClient(await this.apiClientsRepository.lock(tx, body.id), body.id);
      const client = await this.apiClientsRepository.update(tx, body.id, {
        secretHash: issued.secretHash,
        secretHint: issued.secretHint,
        rotatedAt: operation.now,
      });
      await emitEvent(
        tx,
        ClientRotatedV1,
        {
          clientId: client.id,
          subjectType: 'client',
          subjectId: client.id,
          rotatedAt: operation.now.toISOString(),
        },
        operation.events(),
      );
      operation.audit({
        action: 'client.rotated',
        subjectType: 'client',
        subjectId: client.id,
        reason: body.reason ?? null,
        details: { client },
      });
      const bindings = await this.bindingsRepository.activeOf(tx, 'client', client.id, operation.now);
      return { client, apiKey: issued.apiKey, bindings };
    });
  }
}
