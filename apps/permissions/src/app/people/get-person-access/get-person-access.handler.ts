import { Controller } from '@nestjs/common';
import { PermissionsRpc, type PersonAccess } from '@gongkai/contracts';
import { RpcHandler, type RpcRequest } from '@gongkai/messaging';
import { GetPersonAccessUseCase } from './get-person-access.use-case';

/** GET /people/{id}/access: what can this person do, where, until when (now, or `at`). */
@Controller()
export class GetPersonAccessHandler {
  constructor(private readonly getPersonAccess: GetPersonAccessUseCase) {}

  @RpcHandler(PermissionsRpc.getPersonAccess)
  get({ body }: RpcRequest<typeof PermissionsRpc.getPersonAccess>): Promise<PersonAccess> {
    return this.getPersonAccess.execute(body);
  }
}
