import { Inject, Injectable } from '@nestjs/common';
import { v7 as uuidv7 } from 'uuid';
import {
  ClientCreatedV1,
  type CreateApiClient,
  type IssuedApiKey,
  type RequestMeta,
  type RoleBinding,
} from '@gongkai/contracts';
import { emitEvent } from '@gongkai/messaging';
import { BindingWriter } from '../../access/binding-writer';
import { GrantCheck } from '../../access/grant-check';
import { PERMISSIONS_CONFIG, type PermissionsConfig } from '../../config/permissions-config';
import { UnitOfWork } from '../../shared/unit-of-work';
import { issueApiKey } from '../api-key';
import { ApiClientsRepository } from '../api-clients.repository';

/** A new API client with its roles; the key is in this reply and nowhere else, ever. */
@Injectable()
export class CreateApiClientUseCase {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    @Inject(PERMISSIONS_CONFIG) private readonly config: PermissionsConfig,
    private readonly apiClientsRepository: ApiClientsRepository,
    private readonly grantCheck: GrantCheck,
    private readonly bindingWriter: BindingWriter,
  ) {}

  async execute(meta: RequestMeta, body: CreateApiClient): Promise<IssuedApiKey> {
    const id = uuidv7();
    const issued = issueApiKey(id, this.config.apiKeyHmacSecret);
    return this.unitOfWork.run(meta, async (tx, operation) => {
      const client = await this.apiClientsRepository.insert(tx, {
        id,
        name: body.name,
        secretHash: issued.secretHash,
        secretHint: issued.secretHint,
        mayActForPersons: body.mayActForPersons,
        actForRoles: body.mayActForPersons ? body.actForRoles : [],
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
        const window = await this.grantCheck.validate(tx, operation, grant);
        bindings.push(
          await this.bindingWriter.grant(tx, operation, {
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
