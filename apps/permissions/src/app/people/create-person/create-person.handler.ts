import { Controller } from '@nestjs/common';
import { PermissionsRpc, type Person } from '@gongkai/contracts';
import { RpcHandler, type RpcRequest } from '@gongkai/messaging';
import { CreatePersonUseCase } from './create-person.use-case';

/** POST /people: a person joins a department (recorded as their first identity change, `join`). */
@Controller()
export class CreatePersonHandler {
  constructor(private readonly createPerson: CreatePersonUseCase) {}

  @RpcHandler(PermissionsRpc.createPerson)
  create({ meta, body }: RpcRequest<typeof PermissionsRpc.createPerson>): Promise<Person> {
    return this.createPerson.execute(meta, body);
  }
}
