import { Controller } from '@nestjs/common';
import { v7 as uuidv7 } from 'uuid';
import { ClientCreatedV1, PermissionsRpc, type IssuedApiKey, type RoleBinding } from '@gongkai/contracts';
import { RpcHandler, emitEvent, type RpcRequest } from '@gongkai/messaging';
import { AccessService } from '../../access/access.service';
import { UnitOfWork } from '../../shared/unit-of-work';
import { issueApiKey } from '../api-key';
import { ApiClientsRepository } from '../api-clients.repository';

/** POST /api-clients: the key is in this reply and nowhere else, ever. */
@Controller()
export class CreateApiClientHandler {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly apiClientsRepository: ApiClientsRepository,
    private readonly accessService: AccessService,
  ) {}

  @RpcHandler(PermissionsRpc.createApiClient)
  async create(call: RpcRequest<typeof PermissionsRpc.createApiClient>): Promise<IssuedApiKey> {
    const { meta, body } = call;
    const id = uuidv7();
    // scrypt is deliberately slow: hash before the transaction opens.
    const issued = await issueApiKey(id);
    return this.unitOfWork.run(meta, async (tx, operation) => {
      const client = await this.apiClientsRepository.insert(tx, {
        id,
        name: body.name,
        secretHash: issued.secretHash,
        secretHint: issued.secretHint,
        mayActForPersons: body.mayActForPersons,
        mayBackdate: body.mayBackdate,
        createdAt: operation.now,
      });
      await emitEvent(
        tx,
        ClientCreatedV1,
        {
          clientId: client.id,
          subjectType: 'client',
          subjectId: client.id,
          name: client.name,
          mayActForPersons: client.mayActForPersons,
          mayBackdate: client.mayBackdate,
          roles: body.roles.map((role) => role.role),
        },
        operation.events(),
      );
      operation.audit({
        action: 'client.created',
        subjectType: 'client',
        subjectId: client.id,
        reason: body.reason ?? null,
        details: { client },
      });
      const bindings: RoleBinding[] = [];
      for (const role of body.roles) {
        const grant = { subjectType: 'client' as const, subjectId: client.id, ...role };
        const window = await this.accessService.validateGrant(tx, operation, grant);
        bindings.push(
          await this.accessService.grant(tx, operation, {
            ...grant,
            ...window,
            origin: 'api_client',
            reason: body.reason ?? `Role given to API client ${client.name} at creation`,
          }),
        );
      }
      return { client, apiKey: issued.apiKey, bindings };
    });
  }
}
