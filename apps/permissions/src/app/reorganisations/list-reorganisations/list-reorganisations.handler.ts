import { Controller } from '@nestjs/common';
import { PermissionsRpc, type Page, type Reorganisation } from '@gongkai/contracts';
import { RpcHandler, type RpcRequest } from '@gongkai/messaging';
import { ReorganisationsRepository } from '../reorganisations.repository';

/** GET /reorganisations, oldest first; `departmentId` keeps those that touched it. */
@Controller()
export class ListReorganisationsHandler {
  constructor(private readonly reorganisationsRepository: ReorganisationsRepository) {}

  @RpcHandler(PermissionsRpc.listReorganisations)
  list(call: RpcRequest<typeof PermissionsRpc.listReorganisations>): Promise<Page<Reorganisation>> {
    const { body } = call;
    return this.reorganisationsRepository.list(body);
  }
}
