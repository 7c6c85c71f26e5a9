import { Controller } from '@nestjs/common';
import { PermissionsRpc, type Page, type Person } from '@gongkai/contracts';
import { RpcHandler, type RpcRequest } from '@gongkai/messaging';
import { PeopleRepository } from '../people.repository';

@Controller()
export class ListPeopleHandler {
  constructor(private readonly peopleRepository: PeopleRepository) {}

  @RpcHandler(PermissionsRpc.listPeople)
  list(call: RpcRequest<typeof PermissionsRpc.listPeople>): Promise<Page<Person>> {
    const { body } = call;
    return this.peopleRepository.list(body);
  }
}
