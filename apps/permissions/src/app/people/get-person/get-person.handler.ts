import { Controller } from '@nestjs/common';
import { DomainError, PermissionsErrorReasons, PermissionsRpc, type Person } from '@gongkai/contracts';
import { RpcHandler, type RpcRequest } from '@gongkai/messaging';
import { PeopleRepository } from '../people.repository';

@Controller()
export class GetPersonHandler {
  constructor(private readonly peopleRepository: PeopleRepository) {}

  @RpcHandler(PermissionsRpc.getPerson)
  async get(call: RpcRequest<typeof PermissionsRpc.getPerson>): Promise<Person> {
    const { body } = call;
    const person = await this.peopleRepository.get(body.id);
    if (!person)
      throw DomainError.because(
        PermissionsErrorReasons.PERSON_NOT_FOUND,
        `Person ${body.id} does not exist`,
        { id: body.id },
      );
    return person;
  }
}
