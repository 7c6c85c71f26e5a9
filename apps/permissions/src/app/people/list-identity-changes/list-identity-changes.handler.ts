import { Controller } from '@nestjs/common';
import { PermissionsRpc, type IdentityChange, type Page } from '@gongkai/contracts';
import { RpcHandler, type RpcRequest } from '@gongkai/messaging';
import { PeopleRepository } from '../people.repository';

/** GET /people/{id}/identity-changes, oldest first. */
@Controller()
export class ListIdentityChangesHandler {
  constructor(private readonly peopleRepository: PeopleRepository) {}

  @RpcHandler(PermissionsRpc.listIdentityChanges)
  list(call: RpcRequest<typeof PermissionsRpc.listIdentityChanges>): Promise<Page<IdentityChange>> {
    const { body } = call;
    return this.peopleRepository.listIdentityChanges(body);
  }
}
