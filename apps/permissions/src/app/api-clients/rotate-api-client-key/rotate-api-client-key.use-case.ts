import { Inject, Injectable } from '@nestjs/common';
import {
  ClientRotatedV1,
  type IssuedApiKey,
  type RequestMeta,
  type RotateApiClientKey,
} from '@gongkai/contracts';
import { emitEvent } from '@gongkai/messaging';
import { BindingsRepository } from '../../access/bindings.repository';
import { PERMISSIONS_CONFIG, type PermissionsConfig } from '../../config/permissions-config';
import { UnitOfWork } from '../../shared/unit-of-work';
import { requireActiveClient } from '../api-client-guards';
import { issueApiKey } from '../api-key';
import { ApiClientsRepository } from '../api-clients.repository';

/** A new key for an active client, shown once; the old key stops working at commit. */
@Injectable()
export class RotateApiClientKeyUseCase {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    @Inject(PERMISSIONS_CONFIG) private readonly config: PermissionsConfig,
    private readonly apiClientsRepository: ApiClientsRepository,
    private readonly bindingsRepository: BindingsRepository,
  ) {}

  async execute(meta: RequestMeta, body: RotateApiClientKey): Promise<IssuedApiKey> {
    const issued = issueApiKey(body.id, this.config.apiKeyHmacSecret);
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
